using Microsoft.Extensions.Logging;
using Rekindle.Channels.Email;
using Rekindle.Core.Contacts;
using Rekindle.Core.Coupons;
using Rekindle.Core.Flows;
using Rekindle.Core.Messaging;
using Rekindle.Core.Templates;
using Rekindle.Engine.Coupons;
using Rekindle.Engine.Intelligence;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox;

/// <summary>
/// The email channel's composer: an email to the contact needs an address and consent (a refused one is a skipped row,
/// not rendered); a note to the team needs a valid team address. A step with a coupon gets its code first — once per
/// journey, so a retried commit or a reminder shows the same code — and only for an email that can actually go; a step
/// with recommendations gets them around what the contact bought and what is in its cart now; the cart's lines and the
/// recommended products show what the catalogue (or, for a product it does not know, the orders) says about them.
/// </summary>
public sealed class EmailMessageComposer(
    EmailComposer composer, CouponIssuer coupons, Recommendations recommendations, ILogger<EmailMessageComposer> logger) : IMessageComposer
{
    public string Channel => MessageChannels.Email;

    public async Task<OutboxMessage?> ComposeAsync(string contactId, PendingMessage email, DateTimeOffset now, CancellationToken ct)
    {
        var content = (EmailContent)email.Send.Content;
        if (content.To is { } team)
        {
            if (!EmailAddress.TryParse(team, out _))
            {
                logger.LogWarning("Flow {FlowId} step {StepId}: notify address '{To}' is not an email address; nothing sent",
                    email.FlowId, email.Send.StepId, team);
                return FlowMessages.Unsendable(email, now, $"notify address '{team}' is not a valid email address", team);
            }
        }
        else
        {
            if (!composer.HasAddress(email.Profile, email.FlowId, email.Send.StepId))
            {
                return null;
            }

            if (composer.CheckConsent(email.Profile, content) is { Allowed: false, Reason: { } reason })
            {
                return composer.Skipped(email.Profile, email.FlowId, email.InstanceId, email.Send.StepId, content, reason, now);
            }
        }

        IssuedCoupon? coupon = null;
        if (content.Coupon is { } campaignId)
        {
            coupon = await coupons.IssueAsync(campaignId, contactId, email.Journey, now, ct);
            if (coupon is null)
            {
                // An email promising a code it cannot show would be worse than none; the issuer logged why.
                return null;
            }
        }

        var products = content.Recommendations is { } wanted ? await RecommendAsync(contactId, email.Profile, wanted, ct) : null;
        // Cart lines often come without an image or url (or a name): the catalogue shows them as recommendations are shown.
        var catalog = email.Profile.Cart.IsEmpty ? null : await recommendations.CatalogAsync(ct);
        return composer.Compose(email.Profile, email.FlowId, email.InstanceId, email.Send.StepId, content, now, coupon, products, catalog);
    }

    private async Task<IReadOnlyList<TemplateProduct>> RecommendAsync(string contactId, ContactProfile profile, EmailRecommendations wanted, CancellationToken ct)
    {
        // The flow parser only admits known kinds.
        var kind = RecommendationNames.ParseKind(wanted.Kind) ?? throw new InvalidOperationException($"unknown recommendation kind '{wanted.Kind}'");
        var list = await recommendations.ForContactAsync(contactId, kind, wanted.Limit, ct, profile.Cart.Select(l => l.ProductId));
        return [.. list.Select(r => new TemplateProduct(r.Recommendation.ProductId, r.Product?.Name, r.Product?.Price, r.Product?.Currency,
            r.Product?.Url, r.Product?.ImageUrl, RecommendationNames.Source(r.Recommendation.Source)))];
    }
}
