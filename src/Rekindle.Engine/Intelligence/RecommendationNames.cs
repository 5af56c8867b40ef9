using Rekindle.Core.Intelligence.Recommendations;

namespace Rekindle.Engine.Intelligence;

/// <summary>The names of recommenders and sources as the API and flows write them.</summary>
public static class RecommendationNames
{
    public const string BoughtTogether = "bought-together";
    public const string SimilarCustomers = "similar-customers";
    public const string Upsell = "upsell";
    public const string BestSeller = "best-seller";

    public static RecommendationKind? ParseKind(string? name) => name switch
    {
        BoughtTogether => RecommendationKind.BoughtTogether,
        SimilarCustomers => RecommendationKind.SimilarCustomers,
        Upsell => RecommendationKind.Upsell,
        _ => null,
    };

    public static string Source(RecommendationSource source) => source switch
    {
        RecommendationSource.BoughtTogether => BoughtTogether,
        RecommendationSource.SimilarCustomers => SimilarCustomers,
        RecommendationSource.Upsell => Upsell,
        RecommendationSource.BestSeller => BestSeller,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "not a recommendation source"),
    };
}
