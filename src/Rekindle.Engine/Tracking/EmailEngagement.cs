using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rekindle.Core.Tracking;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Common;
using Rekindle.Engine.Intelligence;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Database;
using Rekindle.Storage.Events;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Tracking;

/// <summary>What a tracking URL resolved to: the message it belongs to and, for a click, the original address.</summary>
public sealed record TrackedHit(TrackingToken Token, OutboxMessage Message, string? Url);

/// <summary>
/// Records opens and clicks: looks the token's message up in the outbox, and stores an "Email Opened" or
/// "Email Link Clicked" event addressed to the message's contact (through a merge, to the contact that
/// survived), which the ingestion pump then applies like any other event.
/// </summary>
public sealed class EmailEngagement(
    EmailTracking tracking,
    MessageStore messages,
    ContactStore contacts,
    RekindleDatabase database,
    GroupCommitWriter writer,
    EngineSignals signals,
    [FromKeyedServices(RekindleClock.Key)] TimeProvider time,
    ILogger<EmailEngagement> logger)
{
    /// <summary>The message (and link) a token names; null when the token is forged or names nothing we sent.</summary>
    public async Task<TrackedHit?> ResolveAsync(string token, bool click, CancellationToken ct)
    {
        if (tracking.Tokens.Read(token) is not { } read || read.IsOpen == click)
        {
            return null;
        }

        var message = await messages.FindAsync(read.MessageId, ct);
        if (message is null || message.Channel != "email")
        {
            return null;
        }

        if (read.Link is not { } link)
        {
            return new TrackedHit(read, message, null);
        }

        return link < message.Links.Count ? new TrackedHit(read, message, message.Links[link]) : null;
    }

    /// <summary>Stores the event for <paramref name="hit"/>; false when the contact is gone (deleted, or has no identity left).</summary>
    public async Task<bool> RecordAsync(TrackedHit hit, string? userAgent, CancellationToken ct)
    {
        var message = hit.Message;
        var contact = await contacts.FindLiveAsync(message.ContactId, ct);
        var addresses = contact is null ? [] : await ContactAddresses.FindAsync(database, [contact.Id], ct);
        if (contact is null || !addresses.TryGetValue(contact.Id, out var address))
        {
            logger.LogInformation("Email {MessageId} was opened or clicked, but its contact {ContactId} is gone; nothing recorded",
                message.Id, message.ContactId);
            return false;
        }

        var emailHit = new EmailHit(hit.Token, message.FlowId, message.StepId, hit.Url, time.GetUtcNow(), userAgent) { InstanceId = message.InstanceId };
        var evt = EmailEvents.ToEvent(emailHit,
            address.Kind == "user_id" ? address.Value : null, address.Kind == "anonymous_id" ? address.Value : null);
        // Durable before the pixel or the redirect is answered; the pump then applies it like any other event.
        await writer.WriteAsync([.. EventStore.Insert([evt])], ct);
        signals.EventsStored.Set();
        return true;
    }
}
