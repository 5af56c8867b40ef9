using Rekindle.Channels.Email;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Outbox;

/// <summary>An outbox row as the email that goes on the wire: what the dispatcher sends and the dev mailbox shows.</summary>
public static class OutboxEmail
{
    /// <summary>The sender the dev mailbox shows while no <c>Smtp:From</c> is configured.</summary>
    public static readonly EmailAddress DevMailboxFrom = new("rekindle@localhost", "Rekindle dev mailbox");

    /// <summary>The row's email from <paramref name="from"/>; its outbox id is the Message-ID, stable across re-sends.</summary>
    public static EmailMessage ToEmail(OutboxMessage message, EmailAddress from)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(from);
        return new EmailMessage(message.Id, from, EmailAddress.Parse(message.Recipient), message.Subject, message.Html, message.Text);
    }

    /// <summary>The sender mail goes out from: Smtp:From, or the dev mailbox's placeholder when it is not set.</summary>
    public static EmailAddress Sender(SmtpOptions smtp)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        return EmailAddress.TryParse(smtp.From, out var from) ? from : DevMailboxFrom;
    }
}
