using System.Collections.Immutable;

namespace Rekindle.Core.Coupons;

/// <summary>Where a campaign's codes come from.</summary>
public enum CouponCodeSource
{
    /// <summary>Rekindle generates a unique code from <see cref="CouponCampaign.Pattern"/> at issue time.</summary>
    Pattern,

    /// <summary>
    /// The shop uploads codes it created in its own checkout (one pool per tier, because there a code's value is
    /// fixed); Rekindle hands each out once.
    /// </summary>
    Pool,
}

/// <summary>One value level of a campaign: who gets it, and what it is worth.</summary>
/// <param name="Name">Identifier, unique in the campaign; pools are uploaded per tier name.</param>
public sealed record CouponTier(string Name, CouponCriteria When, CouponValue Value);

/// <summary>
/// A coupon campaign: how codes are made, how long an issued code is valid, and the value rules — tiers tried in
/// order, the first whose criteria the contact meets wins, and the last one has no criteria, so every contact gets
/// a value (e.g. 20 % for Champions, 15 off for big baskets, 10 % for everyone else).
/// </summary>
public sealed record CouponCampaign(
    string Id,
    string Name,
    CouponCodeSource Source,
    CouponCodePattern? Pattern,
    TimeSpan ValidFor,
    ImmutableArray<CouponTier> Tiers)
{
    public CouponTier ChooseTier(CouponFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var tier in Tiers)
        {
            if (tier.When.Matches(facts))
            {
                return tier;
            }
        }

        // The parser guarantees an unconditional last tier; a hand-built campaign without one is a programming error.
        throw new InvalidOperationException($"Coupon campaign '{Id}' has no tier for this contact.");
    }

    public CouponTier? FindTier(string name) => Tiers.FirstOrDefault(t => t.Name == name);
}
