namespace Rekindle.Core.Coupons;

/// <summary>A code given to one contact: what templates show and what the shop's checkout looks up.</summary>
public sealed record IssuedCoupon(
    string Code,
    string CampaignId,
    string Tier,
    CouponValue Value,
    string ContactId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
