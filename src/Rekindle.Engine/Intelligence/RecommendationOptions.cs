namespace Rekindle.Engine.Intelligence;

/// <summary>Recommendation settings (configuration section "Recommendations").</summary>
public sealed record RecommendationOptions
{
    public const string SectionName = "Recommendations";

    /// <summary>
    /// Product ids never recommended nor learned from, besides what the bookkeeping rule finds by itself
    /// (<see cref="Core.Intelligence.Recommendations.ProductCodes.IsBookkeeping"/>): lines the rule cannot judge, such
    /// as postage sold under a code with no name. Matched exactly, as orders carry them.
    /// </summary>
    public IReadOnlyList<string> ExcludedProducts { get; init; } = [];

    /// <summary>The problems with these settings, each naming its key; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate() =>
        [.. ExcludedProducts.Select((id, i) => (id, i)).Where(p => string.IsNullOrWhiteSpace(p.id))
            .Select(p => $"{SectionName}:ExcludedProducts:{p.i} is blank")];
}
