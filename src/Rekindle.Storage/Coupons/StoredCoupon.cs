using Rekindle.Core.Coupons;

namespace Rekindle.Storage.Coupons;

/// <summary>A campaign as stored: its definition exactly as the marketer sent it (already validated).</summary>
public sealed record StoredCampaign(string Id, string Definition, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One code and where it is in its life: in a pool, issued, redeemed.</summary>
/// <param name="Value">Null for a pool code not issued yet (its tier decides the value when it is).</param>
public sealed record StoredCoupon(
    string Code,
    string CampaignId,
    string Tier,
    CouponValue? Value,
    string? ContactId,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RedeemedAt,
    string? OrderId)
{
    public string Status(DateTimeOffset now) =>
        RedeemedAt is not null ? "redeemed"
        : IssuedAt is null ? "available"
        : ExpiresAt <= now ? "expired"
        : "issued";
}

/// <summary>
/// Per tier of a campaign: codes waiting in the pool, handed out, used, and the revenue of the orders that used them
/// (net of refunds; a cancelled order brings none).
/// </summary>
public sealed record CouponTierStats(string Tier, long Available, long Issued, long Redeemed, decimal RedeemedRevenue);

public sealed record PoolUpload(int Added, int AlreadyPresent);
