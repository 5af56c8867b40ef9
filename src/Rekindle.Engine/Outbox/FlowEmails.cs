using Rekindle.Core.Contacts;
using Rekindle.Core.Coupons;
using Rekindle.Core.Flows;
using Rekindle.Core.Messaging;
using Rekindle.Core.Templates;
using Rekindle.Engine.Coupons;
using Rekindle.Engine.Intelligence;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox;

/// <summary>A message a flow step decided to send, waiting for its composer (an email: its coupon, its recommendations and its rendering).</summary>
/// <param name="Profile">The contact as it was when the step ran (later events of the same batch do not change the email).</param>
/// <param name="Journey">Names the journey across retries: see <see cref="JourneyKey"/>.</param>
public sealed record PendingMessage(ContactProfile Profile, string FlowId, string InstanceId, string Journey, SendMessage Send)
{
    /// <summary>
    /// The flow and the event that started the instance. Unlike the instance id, which a start draws afresh, it is the
    /// same when a failed commit makes the grain run the start again — so a coupon issued before the failure is the one
    /// the retried email shows, not a second code.
    /// </summary>
    public static string JourneyKey(FlowInstance instance) => $"{instance.FlowId}:{instance.TriggerMessageId}";
}

/// <summary>
/// Turns the emails flows decided on into outbox rows (a skipped row, not rendered, when consent refuses one). A step
/// with a coupon gets its code first — once per journey, so a retried commit or a reminder shows the same code — and
/// only for a contact the email can actually go to; a step with recommendations gets them around what the contact
/// bought and what is in its cart now; the cart's lines and the recommended products show what the catalogue (or, for
/// a product it does not know, the orders) says about them.
/// </summary>
public sealed class FlowEmails(EmailComposer composer, CouponIssuer coupons, Recommendations recommendations)
{
    public async Task<IReadOnlyList<OutboxMessage>> RenderAsync(string contactId, IReadOnlyList<PendingMessage> pending, DateTimeOffset now)
    {
        var messages = new List<OutboxMessage>();
        foreach (var email in pending)
        {
            if (email.Send.Content is not EmailContent content)
            {
                continue;
            }

            if (!composer.HasAddress(email.Profile, email.FlowId, email.Send.StepId))
            {
                continue;
            }

            if (composer.CheckConsent(email.Profile, content) is { Allowed: false, Reason: { } reason })
            {
                messages.Add(composer.Skipped(email.Profile, email.FlowId, email.InstanceId, email.Send.StepId, content, reason, now));
                continue;
            }

            IssuedCoupon? coupon = null;
            if (content.Coupon is { } campaignId)
            {
                coupon = await coupons.IssueAsync(campaignId, contactId, email.Journey, now, CancellationToken.None);
                if (coupon is null)
                {
                    // An email promising a code it cannot show would be worse than none; the issuer logged why.
                    continue;
                }
            }

            var products = content.Recommendations is { } wanted ? await RecommendAsync(contactId, email.Profile, wanted) : null;
            // Cart lines often come without an image or url (or a name): the catalogue shows them as recommendations are shown.
            var catalog = email.Profile.Cart.IsEmpty ? null : await recommendations.CatalogAsync(CancellationToken.None);
            if (composer.Compose(email.Profile, email.FlowId, email.InstanceId, email.Send.StepId, content, now, coupon, products, catalog) is { } message)
            {
                messages.Add(message);
            }
        }

        return messages;
    }

    private async Task<IReadOnlyList<TemplateProduct>> RecommendAsync(string contactId, ContactProfile profile, EmailRecommendations wanted)
    {
        // The flow parser only admits known kinds.
        var kind = RecommendationNames.ParseKind(wanted.Kind) ?? throw new InvalidOperationException($"unknown recommendation kind '{wanted.Kind}'");
        var list = await recommendations.ForContactAsync(contactId, kind, wanted.Limit, CancellationToken.None, profile.Cart.Select(l => l.ProductId));
        return [.. list.Select(r => new TemplateProduct(r.Recommendation.ProductId, r.Product?.Name, r.Product?.Price, r.Product?.Currency,
            r.Product?.Url, r.Product?.ImageUrl, RecommendationNames.Source(r.Recommendation.Source)))];
    }
}
