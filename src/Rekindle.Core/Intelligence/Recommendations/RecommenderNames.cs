namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>The names of the recommenders as the API and the flow language write them.</summary>
public static class RecommenderNames
{
    public const string BoughtTogether = "bought-together";
    public const string SimilarCustomers = "similar-customers";
    public const string Upsell = "upsell";

    /// <summary>The name of the best-seller filler (a source, not a kind one can ask for).</summary>
    public const string BestSeller = "best-seller";

    public static IReadOnlyList<string> Kinds { get; } = [BoughtTogether, SimilarCustomers, Upsell];
}
