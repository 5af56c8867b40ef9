using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rekindle.Channels.Email;
using Rekindle.Core.Consent;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Common;
using Rekindle.Engine.Telemetry;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox;

/// <summary>
/// Delivers pending outbox rows at least once. A row is marked sent only after the transport took it;
/// a crash in between re-sends it with the same Message-ID, which receivers use to drop the copy.
/// Without SMTP configured the dev mailbox is the transport: the row itself is the delivered mail.
/// Consent is checked again right before each attempt, from the contact as stored now: an unsubscribe that arrived
/// after the flow planned the message marks it skipped instead.
/// </summary>
public sealed class OutboxDispatcher(
    MessageStore messages,
    ContactStore contacts,
    ConsentRules consent,
    IEmailTransport? smtp,
    SmtpOptions smtpOptions,
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
                var pending = await messages.PendingAsync(options.OutboxBatchSize, stoppingToken);
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

    private async Task<bool> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        if (await ConsentRefusalAsync(message, ct) is { } reason)
        {
            logger.LogInformation("Message {MessageId} to {Contact} not sent ({Reason})", message.Id, message.ContactId, reason);
            await writer.WriteAsync(MessageStore.MarkSkipped(message.Id, reason), ct);
            return true;
        }

        if (smtp is null)
        {
            await writer.WriteAsync(MessageStore.MarkSent(message.Id, "devmailbox", time.GetUtcNow()), ct);
            metrics.MessageSent(message.Channel);
            return true;
        }

        try
        {
            await smtp.SendAsync(OutboxEmail.ToEmail(message, smtpOptions.FromAddress()), ct);
            await writer.WriteAsync(MessageStore.MarkSent(message.Id, "smtp", time.GetUtcNow()), ct);
            metrics.MessageSent(message.Channel);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var giveUp = message.Attempts + 1 >= options.MaxDeliveryAttempts;
            logger.LogWarning("Delivery of message {MessageId} to {Contact} failed (attempt {Attempt}{GiveUp}): {Error}",
                message.Id, message.ContactId, message.Attempts + 1, giveUp ? ", giving up" : "", ex.Message);
            await writer.WriteAsync(MessageStore.MarkAttemptFailed(message.Id, ex.Message, giveUp), ct);
            metrics.MessageFailed(message.Channel, giveUp);
            return false;
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
