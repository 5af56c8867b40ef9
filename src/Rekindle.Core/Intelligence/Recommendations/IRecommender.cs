namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>Recommends products to a customer known from the training orders. Implementations are immutable once trained and safe to call from many threads.</summary>
public interface IRecommender
{
    /// <summary>
    /// Up to <paramref name="count"/> products, best first, never one the customer already bought nor one in
    /// <paramref name="exclude"/> (e.g. out of stock). Fewer only when the catalogue seen in training runs out.
    /// A customer unknown to the training orders gets the best sellers.
    /// </summary>
    IReadOnlyList<Recommendation> Recommend(string customerId, int count, IReadOnlySet<string>? exclude = null);
}
