namespace Rekindle.Core.Intelligence.Recommendations;

/// <param name="Neighbours">
/// The most similar customers whose purchases are counted. Too few and one neighbour's whims make the list; too many
/// and the far, barely similar ones drag it back toward the best sellers. 100 did best on a validation split of
/// Online Retail (trained before 2011-06-01, scored on June–August), ahead of 20, 50 and 200.
/// </param>
public sealed record SimilarCustomersOptions(int Neighbours = 100)
{
    public static SimilarCustomersOptions Default { get; } = new();
}
