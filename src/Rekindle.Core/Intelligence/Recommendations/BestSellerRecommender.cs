namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>
/// The baseline: the products bought by the most distinct customers, minus the customer's own and the excluded.
/// Counting customers rather than units or orders keeps one wholesaler's bulk reorders from making a best seller.
/// </summary>
public sealed class BestSellerRecommender(PurchaseData data) : IRecommender
{
    private readonly PurchaseData _data = data ?? throw new ArgumentNullException(nameof(data));

    public IReadOnlyList<Recommendation> Recommend(string customerId, int count, IReadOnlySet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var bought = _data.Customers.TryGetValue(customerId, out var history) ? history : [];
        var list = new List<Recommendation>(count);
        _data.FillWithBestSellers(list, count, _data.Blocked(bought, exclude));
        return list;
    }
}
