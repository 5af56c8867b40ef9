using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rekindle.Core.Consent;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Common;
using Rekindle.Engine.Telemetry;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox;

/// <summary>
/// Delivers pending outbox rows at least once, each by the transport of its channel (<see cref="MessageChannelRegistry"/>).
/// A row is marked sent only after the transport took it; a crash in between re-sends it with the same id, which
/// receivers use to drop the copy. For people's channels consent is checked again right before each attempt, from the
/// contact as stored now: an unsubscribe that arrived after the flow planned the message marks it skipped instead.
/// A row whose attempt failed waits until its own next-attempt time (a webhook's back-off), so it holds up no other row;
/// a transport that is down as a whole (the SMTP relay) makes the loop back off instead.
/// </summary>
public sealed class OutboxDispatcher(
    MessageStore messages,
    ContactStore contacts,
    ConsentRules consent,
    MessageChannelRegistry channels,
    GroupCommitWriter writer,
    EngineSignals signals,
    EngineOptions options,
    [FromKeyedServices(RekindleClock.Key)] TimeProvider time,
    EngineMetrics metrics,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failedRounds = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pending = await messages.PendingAsync(options.OutboxBatchSize, time.GetUtcNow(), stoppingToken);
                if (pending.Count == 0)
                {
                    failedRounds = 0;
                    await signals.MessagesQueued.WaitAsync(options.PollInterval, time, stoppingToken);
                    continue;
                }

                var failures = 0;
                foreach (var message in pending)
                {
                    if (!await DeliverAsync(message, stoppingToken))
                    {
                        failures++;
                    }
                }

                if (failures > 0)
                {
                    // Back off while the relay is down instead of hammering it.
                    failedRounds++;
                    var delay = TimeSpan.FromMilliseconds(Math.Min(60_000, options.PollInterval.TotalMilliseconds * Math.Pow(2, Math.Min(failedRounds, 8))));
                    await Task.Delay(delay, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox round failed; retrying after the poll interval");
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
        }
    }

    /// <returns>False when the channel's transport seems down (the round backs off).</returns>
    private async Task<bool> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        if (channels.Transport(message.Channel) is not { } transport)
        {
            logger.LogError("Message {MessageId}: no transport is registered for channel '{Channel}'", message.Id, message.Channel);
            await writer.WriteAsync(MessageStore.MarkAttemptFailed(message.Id, $"channel '{message.Channel}' is not available on this server", giveUp: true), ct);
            metrics.MessageFailed(message.Channel, true);
            return true;
        }

        if (transport.NeedsConsent(message) && await ConsentRefusalAsync(message, ct) is { } reason)
        {
            logger.LogInformation("Message {MessageId} to {Contact} not sent ({Reason})", message.Id, message.ContactId, reason);
            await writer.WriteAsync(MessageStore.MarkSkipped(message.Id, reason), ct);
            return true;
        }

        var outcome = await transport.DeliverAsync(message, ct);
        switch (outcome)
        {
            case DeliveryOutcome.Sent sent:
                await writer.WriteAsync([MessageStore.MarkSent(message.Id, sent.Transport, time.GetUtcNow()), .. outcome.Log], ct);
                metrics.MessageSent(message.Channel);
                return true;
            case DeliveryOutcome.Retry retry:
                logger.LogWarning("Delivery of message {MessageId} to {Contact} failed (attempt {Attempt}): {Error}",
                    message.Id, message.ContactId, message.Attempts + 1, retry.Error);
                await writer.WriteAsync([MessageStore.MarkAttemptFailed(message.Id, retry.Error, giveUp: false, retry.At), .. outcome.Log], ct);
                metrics.MessageFailed(message.Channel, false);
                return retry.At is not null;
            case DeliveryOutcome.GiveUp giveUp:
                logger.LogWarning("Delivery of message {MessageId} to {Contact} failed (attempt {Attempt}, giving up): {Error}",
                    message.Id, message.ContactId, message.Attempts + 1, giveUp.Error);
                await writer.WriteAsync([MessageStore.MarkAttemptFailed(message.Id, giveUp.Error, giveUp: true), .. outcome.Log], ct);
                metrics.MessageFailed(message.Channel, true);
                return true;
            default:
                throw new InvalidOperationException($"unknown delivery outcome {outcome.GetType().Name}");
        }
    }

    /// <summary>Why consent now forbids the message, or null. A merged contact's message follows it to the survivor.</summary>
    private async Task<string?> ConsentRefusalAsync(OutboxMessage message, CancellationToken ct)
    {
        var profile = await contacts.FindLiveAsync(message.ContactId, ct);
        var state = profile is null ? ConsentState.Unknown : ConsentPolicy.StateOf(profile.Consent, message.Channel);
        return ConsentPolicy.Check(message.Channel, state, message.Kind, consent).Reason;
    }
}
