using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Rekindle.Channels.Email;
using Rekindle.Channels.Webhooks;
using Rekindle.Core.Consent;
using Rekindle.Core.Messaging;
using Rekindle.Core.Templates;
using Rekindle.Engine.Common;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox.Webhooks;

/// <summary>
/// The webhook channel's composer: renders the body (Liquid, against the same model as an email, values escaped for
/// JSON strings) and checks it is JSON, so a receiver never gets a half-broken document. A webhook goes to a system,
/// not to the contact: no consent applies. What cannot be sent (a bad URL, a body that is not JSON) is a failed row
/// saying why.
/// </summary>
public sealed class WebhookComposer(LiquidRenderer renderer, EngineOptions engine, ILogger<WebhookComposer> logger) : IMessageComposer
{
    public string Channel => MessageChannels.Webhook;

    public Task<OutboxMessage?> ComposeAsync(string contactId, PendingMessage pending, DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult<OutboxMessage?>(Compose(pending, now));

    public OutboxMessage Compose(PendingMessage pending, DateTimeOffset now)
    {
        var content = (WebhookContent)pending.Send.Content;
        if (WebhookTargets.CheckUrl(content.Url, out _) is { } badUrl)
        {
            return Unsendable(pending, now, content, badUrl);
        }

        string body;
        try
        {
            body = renderer.Render(content.Body, TemplateModel.Build(pending.Profile, null, null, null, engine.DefaultCurrency), TemplateFormat.Json);
        }
        catch (LiquidTemplateException ex)
        {
            return Unsendable(pending, now, content, $"webhook body: {ex.Message}");
        }

        try
        {
            using var _ = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return Unsendable(pending, now, content, $"webhook body is not valid JSON once rendered: {ex.Message}");
        }

        return new OutboxMessage
        {
            Id = Ids.New(),
            ContactId = pending.Profile.Id,
            FlowId = pending.FlowId,
            InstanceId = pending.InstanceId,
            StepId = pending.Send.StepId,
            Channel = MessageChannels.Webhook,
            Kind = content.Transactional ? MessageKind.Transactional : MessageKind.Marketing,
            Recipient = content.Url,
            Subject = "",
            Html = "",
            Text = "",
            Payload = new WebhookPayload(content.Url, body, content.Headers ?? ImmutableSortedDictionary<string, string>.Empty).ToJson(),
            CreatedAt = now,
        };
    }

    private OutboxMessage Unsendable(PendingMessage pending, DateTimeOffset now, WebhookContent content, string error)
    {
        logger.LogWarning("Flow {FlowId} step {StepId}: webhook for contact {ContactId} not sent ({Error})",
            pending.FlowId, pending.Send.StepId, pending.Profile.Id, error);
        return FlowMessages.Unsendable(pending, now, error, content.Url);
    }
}
