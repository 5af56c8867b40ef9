namespace Rekindle.Core.Coupons;

/// <summary>
/// What the value rules may look at for one contact: the latest scores of the scoring jobs. Any of them is
/// null for a contact the job has not scored (no orders in the window, no fitted model yet).
/// </summary>
/// <param name="ChurnRisk">"low", "medium" or "high".</param>
public sealed record CouponFacts(string? RfmSegment, string? ChurnRisk, decimal? ExpectedOrderValue, decimal? Clv)
{
    public static readonly CouponFacts None = new(null, null, null, null);
}
