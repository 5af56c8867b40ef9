using System.Text.Json;
using Rekindle.Core.Coupons;
using Rekindle.Storage.Coupons;

namespace Rekindle.Server.Features.Coupons;

/// <summary>A campaign with how its codes are doing, tier by tier.</summary>
public sealed record CampaignView(
    string Id, string Name, string Codes, JsonElement Definition, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<TierView> Tiers)
{
    public static CampaignView From(StoredCampaign stored, CouponCampaign campaign, IReadOnlyList<CouponTierStats> stats)
    {
        using var definition = JsonDocument.Parse(stored.Definition);
        var byTier = stats.ToDictionary(s => s.Tier, StringComparer.Ordinal);
        return new CampaignView(campaign.Id, campaign.Name, campaign.Source == CouponCodeSource.Pool ? "pool" : "pattern",
            definition.RootElement.Clone(), stored.CreatedAt, stored.UpdatedAt,
            [.. campaign.Tiers.Select(t => TierView.From(t, byTier.GetValueOrDefault(t.Name)))]);
    }
}

/// <param name="Available">Pool codes not handed out yet (always 0 for a pattern campaign, which makes codes as needed).</param>
/// <param name="RedeemedRevenue">The total of the orders that used this tier's codes.</param>
public sealed record TierView(string Name, string Value, long Available, long Issued, long Redeemed, decimal RedeemedRevenue)
{
    public static TierView From(CouponTier tier, CouponTierStats? stats) => new(
        tier.Name, tier.Value.Display, stats?.Available ?? 0, stats?.Issued ?? 0, stats?.Redeemed ?? 0, stats?.RedeemedRevenue ?? 0m);
}

/// <param name="Status">available (in a pool), issued, expired (issued, not used in time) or redeemed.</param>
public sealed record CouponView(
    string Code, string Campaign, string Tier, string Status, string? Value, decimal? PercentOff, decimal? AmountOff, string? Currency,
    string? ContactId, DateTimeOffset? IssuedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RedeemedAt, string? OrderId)
{
    public static CouponView From(StoredCoupon c, DateTimeOffset now) => new(
        c.Code, c.CampaignId, c.Tier, c.Status(now), c.Value?.Display,
        c.Value?.Kind == CouponValueKind.PercentOff ? c.Value.Amount : null,
        c.Value?.Kind == CouponValueKind.AmountOff ? c.Value.Amount : null,
        c.Value?.Currency, c.ContactId, c.IssuedAt, c.ExpiresAt, c.RedeemedAt, c.OrderId);

    public static CouponView From(IssuedCoupon c, DateTimeOffset now) => From(
        new StoredCoupon(c.Code, c.CampaignId, c.Tier, c.Value, c.ContactId, c.IssuedAt, c.ExpiresAt, null, null), now);
}

/// <summary>Body of POST /api/coupons/campaigns/{id}/codes.</summary>
public sealed record PoolCodesRequest(string? Tier, IReadOnlyList<string?>? Codes);

public sealed record PoolCodesView(int Added, int AlreadyPresent);

/// <summary>Body of POST /api/contacts/{id}/coupons.</summary>
/// <param name="Key">Optional idempotency key: the same key gets the same code back (e.g. the shop's ticket id).</param>
public sealed record IssueRequest(string? Campaign, string? Key);
