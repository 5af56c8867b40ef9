using Microsoft.Extensions.Logging;
using Rekindle.Core.Contacts;
using Rekindle.Core.Flows;
using Rekindle.Engine.Common;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox;

/// <summary>A message a flow step decided to send, waiting for its channel's composer (an email: its coupon, its recommendations and its rendering).</summary>
/// <param name="Profile">The contact as it was when the step ran (later events of the same batch do not change the message).</param>
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
/// Turns the messages flows decided on into outbox rows, each by the composer of its content's channel. The grain
/// calls it before committing (composing may issue a coupon: I/O) and queues what it returns.
/// </summary>
public sealed class FlowMessages(MessageChannelRegistry channels, ILogger<FlowMessages> logger)
{
    public async Task<IReadOnlyList<OutboxMessage>> ComposeAsync(string contactId, IReadOnlyList<PendingMessage> pending, DateTimeOffset now)
    {
        var rows = new List<OutboxMessage>();
        foreach (var message in pending)
        {
            var channel = message.Send.Content.Channel;
            if (channels.Composer(channel) is not { } composer)
            {
                // A flow can only name channels the parser knows; this is a server started without that channel's area.
                logger.LogError("Flow {FlowId} step {StepId}: no composer is registered for channel '{Channel}'; nothing sent",
                    message.FlowId, message.Send.StepId, channel);
                rows.Add(Unsendable(message, now, $"channel '{channel}' is not available on this server"));
                continue;
            }

            if (await composer.ComposeAsync(contactId, message, now, CancellationToken.None) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>
    /// A row of the message that is marked failed at once, with why: the journey and the contact's messages show it
    /// instead of nothing. For composers that cannot render what the step asked for.
    /// </summary>
    public static OutboxMessage Unsendable(PendingMessage message, DateTimeOffset now, string error, string recipient = "") => new()
    {
        Id = Ids.New(),
        ContactId = message.Profile.Id,
        FlowId = message.FlowId,
        InstanceId = message.InstanceId,
        StepId = message.Send.StepId,
        Channel = message.Send.Content.Channel,
        Kind = EmailComposer.KindOf(message.Send.Content),
        Recipient = recipient,
        Subject = "",
        Html = "",
        Text = "",
        Status = MessageStatus.Failed,
        LastError = error,
        CreatedAt = now,
    };
}
