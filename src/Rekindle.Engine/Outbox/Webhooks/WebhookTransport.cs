using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rekindle.Channels.Webhooks;
using Rekindle.Core.Messaging;
using Rekindle.Engine.Clock;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox.Webhooks;

/// <summary>
/// The webhook channel's transport: signs the row's body with the flow's secret and POSTs it. A 2xx delivers it;
/// no answer, 408, 429 or a 5xx is tried again after a doubling delay (or the receiver's Retry-After) until
/// Webhooks:MaxAttempts; any other answer, and a refused target, is final. Every attempt goes to the delivery log.
/// </summary>
public sealed class WebhookTransport(
    WebhookSender sender,
    WebhookSecrets secrets,
    WebhookOptions options,
    [FromKeyedServices(RekindleClock.Key)] TimeProvider time,
    ILogger<WebhookTransport> logger) : IMessageTransport
{
    // However long a receiver asks us to wait, a message is not parked for more than a day per attempt.
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromDays(1);

    public string Channel => MessageChannels.Webhook;

    public bool NeedsConsent(OutboxMessage message) => false;

    public async Task<DeliveryOutcome> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        var attempt = message.Attempts + 1;
        var now = time.GetUtcNow();
        if (WebhookPayload.FromJson(message.Payload) is not { } payload)
        {
            return Logged(message, attempt, now, message.Recipient, new WebhookResponse(null, "the message has no webhook payload", true, TimeSpan.Zero));
        }

        if (WebhookTargets.CheckUrl(payload.Url, out var url) is { } badUrl)
        {
            return Logged(message, attempt, now, payload.Url, new WebhookResponse(null, badUrl, true, TimeSpan.Zero));
        }

        // The flow id keys the secret; a webhook without a flow (none yet) would still be signed, under "".
        var secret = await secrets.GetAsync(message.FlowId ?? "", ct);
        var timestamp = now.ToUnixTimeSeconds();
        var request = new WebhookRequest(url!, payload.Body, payload.Headers, message.Id, timestamp,
            WebhookSignature.Sign(secret.Secret, timestamp, payload.Body));
        var response = await sender.PostAsync(request, ct);
        logger.LogInformation("Webhook {MessageId} to {Host}: attempt {Attempt}, {Result} in {Milliseconds} ms",
            message.Id, url!.Host, attempt, response.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? response.Error,
            (long)response.Duration.TotalMilliseconds);
        return Logged(message, attempt, now, payload.Url, response);
    }

    /// <summary>The outcome of the attempt, with its line in the delivery log.</summary>
    private DeliveryOutcome Logged(OutboxMessage message, int attempt, DateTimeOffset now, string url, WebhookResponse response)
    {
        DeliveryOutcome outcome;
        WebhookAttemptOutcome logged;
        if (response.Succeeded)
        {
            (outcome, logged) = (new DeliveryOutcome.Sent("webhook"), WebhookAttemptOutcome.Delivered);
        }
        else if (response.Retryable && attempt < options.MaxAttempts)
        {
            (outcome, logged) = (new DeliveryOutcome.Retry(response.Error!, now + RetryDelay(attempt, now, response)), WebhookAttemptOutcome.Retrying);
        }
        else
        {
            var error = response.Retryable ? $"{response.Error} (attempt {attempt} of {options.MaxAttempts}: giving up)" : response.Error!;
            (outcome, logged) = (new DeliveryOutcome.GiveUp(error), WebhookAttemptOutcome.Failed);
        }

        var log = new WebhookAttempt(message.Id, message.FlowId, message.ContactId, attempt, now, response.Duration, url,
            response.StatusCode, response.Succeeded ? null : response.Error, logged);
        return outcome with { Log = [WebhookDeliveryStore.Insert(log)] };
    }

    private TimeSpan RetryDelay(int attempt, DateTimeOffset now, WebhookResponse response)
    {
        var asked = response.RetryAfter ?? (response.RetryAt is { } at ? at - now : null);
        if (asked is { } wait && wait > TimeSpan.Zero)
        {
            return wait < LongestRetryAfter ? wait : LongestRetryAfter;
        }

        return options.DelayAfter(attempt);
    }
}
