using Rekindle.Channels.Email;
using Rekindle.Core.Messaging;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox;

/// <summary>
/// The email channel's transport: the SMTP relay, or — with no SMTP configured — the dev mailbox, where the row itself
/// is the delivered mail. The outbox id is the Message-ID, the same on every re-send.
/// </summary>
public sealed class EmailTransport(IEmailTransport? smtp, SmtpOptions smtpOptions, EngineOptions options) : IMessageTransport
{
    public string Channel => MessageChannels.Email;

    public bool NeedsConsent(OutboxMessage message) => !EmailComposer.IsToTeam(message);

    public async Task<DeliveryOutcome> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        if (smtp is null)
        {
            return new DeliveryOutcome.Sent("devmailbox");
        }

        try
        {
            await smtp.SendAsync(OutboxEmail.ToEmail(message, smtpOptions.FromAddress()), ct);
            return new DeliveryOutcome.Sent("smtp");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A relay that refuses one message refuses them all: no per-row time, the dispatcher backs off its round.
            return message.Attempts + 1 >= options.MaxDeliveryAttempts
                ? new DeliveryOutcome.GiveUp(ex.Message)
                : new DeliveryOutcome.Retry(ex.Message, null);
        }
    }
}
