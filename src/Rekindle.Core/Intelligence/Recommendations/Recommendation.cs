namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>One recommended product, best first in a list.</summary>
/// <param name="Score">
/// For <see cref="RecommendationSource.BoughtTogether"/> the summed similarity to the customer's products; for
/// <see cref="RecommendationSource.SimilarCustomers"/> the summed similarity of the neighbours who bought it; for
/// <see cref="RecommendationSource.Upsell"/> its price over the highest price the customer paid in its category and
/// currency; for <see cref="RecommendationSource.BestSeller"/> the number of distinct customers who bought it.
/// The scales are not comparable; the list order is what counts.
/// </param>
public sealed record Recommendation(string ProductId, double Score, RecommendationSource Source);

public enum RecommendationSource
{
    BoughtTogether,
    BestSeller,
    SimilarCustomers,
    Upsell,
}
