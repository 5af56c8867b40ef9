using Microsoft.Extensions.Logging;
using Rekindle.Channels.Email;
using Rekindle.Core.Consent;
using Rekindle.Core.Catalog;
using Rekindle.Core.Contacts;
using Rekindle.Core.Coupons;
using Rekindle.Core.Messaging;
using Rekindle.Core.Templates;
using Rekindle.Engine.Common;
using Rekindle.Engine.Tracking;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox;

/// <summary>
/// Turns a flow's email into an outbox row: checks there is an address and that consent allows it (a
/// refused email becomes a skipped row that says why), renders the Liquid templates against the contact as it is at send time (the cart now, not the
/// cart when the flow started) and, when tracking is on, routes the HTML's links through click URLs and
/// adds the open pixel. A note to the team (<see cref="EmailContent.To"/>, a notify step) goes to that address,
/// is transactional, and is neither subject to the contact's consent nor tracked (the team's opens are not the contact's).
/// </summary>
public sealed class EmailComposer(LiquidRenderer renderer, EmailTracking tracking, ConsentRules consent, EngineOptions engine, ILogger<EmailComposer> logger)
{
    /// <summary>False, with the reason logged, when the contact has no address.</summary>
    public bool HasAddress(ContactProfile profile, string flowId, string stepId)
    {
        if (string.IsNullOrEmpty(profile.Email))
        {
            logger.LogInformation("Flow {FlowId} step {StepId}: contact {ContactId} has no email address; nothing sent",
                flowId, stepId, profile.Id);
            return false;
        }

        return true;
    }

    /// <summary>The payload of an email to the team: the dispatcher does not check the contact's consent for it.</summary>
    public const string TeamPayload = """{"audience":"team"}""";

    public static MessageKind KindOf(MessageContent content) =>
        content.Transactional || content is EmailContent { To: not null } ? MessageKind.Transactional : MessageKind.Marketing;

    /// <summary>Whether the row is an email to the team (a notify step) rather than to the contact.</summary>
    public static bool IsToTeam(OutboxMessage message)
    {
        if (message.Payload is null)
        {
            return false;
        }

        using var payload = System.Text.Json.JsonDocument.Parse(message.Payload);
        return payload.RootElement.TryGetProperty("audience", out var audience) && audience.ValueEquals("team");
    }

    /// <summary>Whether the contact's email consent allows the step's email (docs/consent.md).</summary>
    public ConsentDecision CheckConsent(ContactProfile profile, EmailContent content) =>
        ConsentPolicy.Check(ConsentChannels.Email, ConsentPolicy.StateOf(profile.Consent, ConsentChannels.Email), KindOf(content), consent);

    /// <summary>
    /// The row of an email consent refused: never rendered (nor a coupon issued for it), it tells the journey and the
    /// API why nothing went out.
    /// </summary>
    public OutboxMessage Skipped(ContactProfile profile, string flowId, string instanceId, string stepId, EmailContent content, string reason, DateTimeOffset now)
    {
        logger.LogInformation("Flow {FlowId} step {StepId}: contact {ContactId} not sent ({Reason})", flowId, stepId, profile.Id, reason);
        return Row(Ids.New(), profile, flowId, instanceId, stepId, content, now) with { Status = MessageStatus.Skipped, SkipReason = reason };
    }

    /// <param name="coupon">The code issued for the step's coupon campaign, shown to the templates as <c>coupon.*</c>.</param>
    /// <param name="recommendations">The products of the step's recommendations, shown as <c>recommendations</c>.</param>
    /// <param name="catalog">Fills what the cart's lines leave out (name, price, url, image).</param>
    public OutboxMessage? Compose(ContactProfile profile, string flowId, string instanceId, string stepId, EmailContent content, DateTimeOffset now,
        IssuedCoupon? coupon = null, IReadOnlyList<TemplateProduct>? recommendations = null, ProductCatalog? catalog = null)
    {
        if (content.To is null && !HasAddress(profile, flowId, stepId))
        {
            return null;
        }

        var rendered = Render(profile, content, coupon, recommendations, catalog);
        var id = Ids.New();
        var tracked = content.To is null ? tracking.Tracker?.Apply(id, rendered.Html) : null;
        return Row(id, profile, flowId, instanceId, stepId, content, now) with
        {
            Subject = rendered.Subject,
            Html = tracked?.Html ?? rendered.Html,
            Text = rendered.Text,
            Links = tracked?.Links ?? [],
        };
    }

    /// <summary>
    /// The email's subject, HTML (not tracked yet) and text, rendered against the contact; a dry run shows this.
    /// Throws <see cref="LiquidTemplateException"/> for a template that fails to render.
    /// </summary>
    public RenderedEmail Render(ContactProfile profile, EmailContent content, IssuedCoupon? coupon = null,
        IReadOnlyList<TemplateProduct>? recommendations = null, ProductCatalog? catalog = null)
    {
        var model = TemplateModel.Build(profile, coupon, recommendations, catalog, engine.DefaultCurrency);
        var html = renderer.Render(content.Html, model, TemplateFormat.Html);
        return new RenderedEmail(
            renderer.Render(content.Subject, model, TemplateFormat.Text).Trim(),
            html,
            // From the untracked HTML: a plain-text reader sees the real addresses, not tracking URLs.
            content.Text is null ? HtmlToText.Convert(html) : renderer.Render(content.Text, model, TemplateFormat.Text));
    }

    /// <summary>The step's message as a row, with nothing rendered yet.</summary>
    private static OutboxMessage Row(string id, ContactProfile profile, string flowId, string instanceId, string stepId, EmailContent content, DateTimeOffset now) => new()
    {
        Id = id,
        ContactId = profile.Id,
        FlowId = flowId,
        InstanceId = instanceId,
        StepId = stepId,
        Channel = ConsentChannels.Email,
        Kind = KindOf(content),
        Recipient = content.To ?? profile.Email ?? "",
        Payload = content.To is null ? null : TeamPayload,
        Subject = "",
        Html = "",
        Text = "",
        CreatedAt = now,
    };
}

/// <summary>An email rendered for one contact, before tracking.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text);
