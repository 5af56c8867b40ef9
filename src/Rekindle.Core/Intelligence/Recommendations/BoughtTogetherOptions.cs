namespace Rekindle.Core.Intelligence.Recommendations;

/// <param name="MaxNeighbours">
/// Similar products kept per product. Beyond the first few dozen the similarities are small and add noise more
/// than signal; the cap also bounds memory (products × cap) and the cost of a recommendation.
/// </param>
/// <param name="MinCoOccurrence">
/// Orders that must hold both products before a pair counts: one shared order between two rare products gives a
/// high cosine that is chance, not a pattern.
/// </param>
public sealed record BoughtTogetherOptions(int MaxNeighbours = 50, int MinCoOccurrence = 2)
{
    public static BoughtTogetherOptions Default { get; } = new();
}
