using MimeKit;

namespace Rekindle.Testing.Smtp;

/// <summary>One message as smtp-sink received it: the SMTP envelope and the parsed content.</summary>
/// <param name="MailFrom">The MAIL FROM address, without angle brackets or parameters ("" for a null sender).</param>
/// <param name="RcptTo">The RCPT TO addresses, in the order the client sent them.</param>
/// <param name="Helo">The EHLO/HELO argument, when the client sent one.</param>
/// <param name="ClientAddress">The client's IP address.</param>
/// <param name="Message">The message exactly as sent (smtp-sink's own trace headers removed).</param>
/// <param name="ReceivedAt">When smtp-sink finished writing it (file time; orders messages, coarsely).</param>
/// <param name="DumpFile">The dump file it was read from.</param>
public sealed record ReceivedMail(
    string MailFrom,
    IReadOnlyList<string> RcptTo,
    string? Helo,
    string ClientAddress,
    MimeMessage Message,
    DateTimeOffset ReceivedAt,
    string DumpFile);
