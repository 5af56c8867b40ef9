using Rekindle.Core.Intelligence.Recommendations;

namespace Rekindle.Engine.Intelligence;

/// <summary>The names of recommenders and sources as the API and flows write them.</summary>
public static class RecommendationNames
{
    public const string BoughtTogether = RecommenderNames.BoughtTogether;
    public const string SimilarCustomers = RecommenderNames.SimilarCustomers;
    public const string Upsell = RecommenderNames.Upsell;
    public const string BestSeller = RecommenderNames.BestSeller;

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
