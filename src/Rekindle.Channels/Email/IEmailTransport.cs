namespace Rekindle.Channels.Email;

/// <summary>Hands one email to a mail system (an SMTP relay, the dev mailbox).</summary>
public interface IEmailTransport
{
    /// <summary>Completes once the receiving system has accepted the message; throws when it did not.</summary>
    Task SendAsync(EmailMessage message, CancellationToken ct);
}
