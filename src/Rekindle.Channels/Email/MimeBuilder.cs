using MimeKit;
using MimeKit.Text;

namespace Rekindle.Channels.Email;

/// <summary>Turns an <see cref="EmailMessage"/> into the MIME message that goes on the wire.</summary>
public static class MimeBuilder
{
    // Owned by the builder or the transport; letting a template override them would break threading,
    // idempotency or the MIME structure.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Cc", "Bcc", "Sender", "Subject", "Date", "Message-ID", "MIME-Version",
        "Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
    };

    /// <summary>
    /// Builds multipart/alternative (text/plain, then text/html, both UTF-8 quoted-printable), with the
    /// Date header set to <paramref name="date"/> and Message-ID &lt;{MessageId}@{domain of From}&gt;.
    /// </summary>
    /// <exception cref="ArgumentException">The message id or an extra header is unusable.</exception>
    public static MimeMessage Build(EmailMessage message, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        ValidateMessageId(message.MessageId);

        var mime = new MimeMessage
        {
            Date = date,
            MessageId = $"{message.MessageId}@{message.From.Domain}",
            // A subject rendered from a template must not be able to start new header lines.
            Subject = message.Subject.ReplaceLineEndings(" "),
        };
        mime.From.Add(message.From.ToMailbox());
        mime.To.Add(message.To.ToMailbox());

        foreach (var (name, value) in message.Headers)
        {
            if (ReservedHeaders.Contains(name))
            {
                throw new ArgumentException($"Header '{name}' is set by the builder and cannot be overridden.", nameof(message));
            }

            mime.Headers.Add(name, value.ReplaceLineEndings(" "));
        }

        var text = message.Text ?? HtmlToText.Convert(message.Html);
        mime.Body = new MultipartAlternative
        {
            CreatePart(TextFormat.Plain, text),
            CreatePart(TextFormat.Html, message.Html),
        };
        return mime;
    }

    /// <summary>
    /// The headers of the message <see cref="Build"/> makes, in wire order: the message's own, then its body's
    /// (Content-Type with the boundary), as a mail client's "show original" lists them.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(EmailMessage message, DateTimeOffset date)
    {
        var mime = Build(message, date);
        return [.. mime.Headers.Concat(mime.Body!.Headers).Select(h => KeyValuePair.Create(h.Field, h.Value))];
    }

    private static TextPart CreatePart(TextFormat format, string content)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText("utf-8", content);
        return part;
    }

    // RFC 5322 dot-atom-text, so that the id survives as-is in <id@domain>.
    private static void ValidateMessageId(string messageId)
    {
        const string Specials = "!#$%&'*+-/=?^_`{|}~";
        var valid = !string.IsNullOrEmpty(messageId)
            && messageId[0] != '.'
            && messageId[^1] != '.'
            && !messageId.Contains("..", StringComparison.Ordinal)
            && messageId.All(c => char.IsAsciiLetterOrDigit(c) || c == '.' || Specials.Contains(c));
        if (!valid)
        {
            throw new ArgumentException(
                $"Message id '{messageId}' must be non-empty letters, digits, dots and RFC 5322 atext symbols.",
                nameof(messageId));
        }
    }
}
