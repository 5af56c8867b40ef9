using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Rekindle.Core.Coupons;
using Rekindle.Storage.Coupons;
using Rekindle.Storage.Database;
using Rekindle.Storage.Scores;

namespace Rekindle.Engine.Coupons;

/// <summary>
/// Gives a contact a code of a campaign: reads the contact's latest scores, lets the campaign's tiers choose the
/// value, and claims a pool code or generates one. Used by flows (one code per journey) and by the API.
/// </summary>
public sealed class CouponIssuer(CouponStore coupons, ScoreStore scores, RekindleDatabase database, ILogger<CouponIssuer> logger)
{
    /// <summary>Codes people can redeem for money must not be predictable from earlier ones.</summary>
    private static readonly Func<int, int> SecureRandom = RandomNumberGenerator.GetInt32;

    /// <summary>The campaign as saved (definitions are validated on save, so parsing cannot fail here).</summary>
    public async Task<CouponCampaign?> CampaignAsync(string campaignId, CancellationToken ct) =>
        await coupons.FindCampaignAsync(campaignId, ct) is { } stored ? CouponCampaignParser.Parse(stored.Definition).Campaign : null;

    /// <summary>What the value rules see: the scoring jobs' latest results for the contact.</summary>
    public async Task<CouponFacts> FactsAsync(string contactId, CancellationToken ct)
    {
        var rfm = await scores.RfmAsync(contactId, ct);
        var churn = await ChurnScores.ForContactAsync(database, contactId, ct);
        return new CouponFacts(rfm?.Segment, churn?.Risk, ToMoney(churn?.ExpectedOrderValue), ToMoney(churn?.Clv));
    }

    /// <param name="issueKey">Calls with the same key get the same code (a flow passes its journey's id).</param>
    /// <returns>Null, with the reason logged, when the campaign does not exist or the tier's pool is empty.</returns>
    public async Task<IssuedCoupon?> IssueAsync(string campaignId, string contactId, string issueKey, DateTimeOffset now, CancellationToken ct)
    {
        var campaign = await CampaignAsync(campaignId, ct);
        if (campaign is null)
        {
            logger.LogWarning("Coupon campaign {CampaignId} does not exist; no code for contact {ContactId}", campaignId, contactId);
            return null;
        }

        return await IssueAsync(campaign, contactId, issueKey, now, ct);
    }

    /// <summary>For a caller that has read the campaign already; null, with the reason logged, when the tier's pool is empty.</summary>
    public async Task<IssuedCoupon?> IssueAsync(CouponCampaign campaign, string contactId, string issueKey, DateTimeOffset now, CancellationToken ct)
    {
        var tier = campaign.ChooseTier(await FactsAsync(contactId, ct));
        var coupon = await coupons.IssueAsync(campaign, tier, contactId, issueKey, now, SecureRandom, ct);
        if (coupon is null)
        {
            logger.LogError("Coupon campaign {CampaignId}: the pool of tier {Tier} is empty; no code for contact {ContactId}. Upload more codes.",
                campaign.Id, tier.Name, contactId);
        }

        return coupon;
    }

    // Scores are doubles (model output); coupon rules compare money, so round to the cent first.
    private static decimal? ToMoney(double? value) => value is { } v && double.IsFinite(v) ? Math.Round((decimal)v, 2) : null;
}
