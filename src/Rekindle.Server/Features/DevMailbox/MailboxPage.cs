using System.Globalization;
using System.Net;
using System.Text;
using Rekindle.Channels.Email;
using Rekindle.Engine.Outbox;
using Rekindle.Storage.Messages;

namespace Rekindle.Server.Features.DevMailbox;

/// <summary>The dev mailbox's HTML pages: the list of outgoing messages, and one message as a mail client shows it.</summary>
internal static class MailboxPage
{
    /// <summary>
    /// No script anywhere, images from anywhere (an email's own), inline styles; the email's HTML sits in a sandboxed
    /// srcdoc frame, which also keeps its forms and links from acting as the page.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'; form-action 'none'";

    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}"
        + "td,th{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}th{background:#f5f5f5}"
        + ".pending{color:#b70}.sent{color:#070}.failed{color:#b00}"
        + "iframe{width:100%;height:32rem;border:1px solid #ccc}pre{background:#f7f7f7;padding:.8rem;white-space:pre-wrap;word-break:break-word}"
        + "dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}dd{margin:0}";

    public static string List(IReadOnlyList<OutboxMessage> messages, string? key)
    {
        var query = KeyQuery(key);
        var html = Start("Rekindle dev mailbox")
            .Append("<h1>Dev mailbox</h1><p>").Append(messages.Count).Append(" most recent outgoing messages.</p>")
            .Append("<table><tr><th>Created</th><th>To</th><th>Subject</th><th>Flow</th><th>Status</th></tr>");
        foreach (var m in messages)
        {
            var status = Status(m);
            html.Append("<tr><td>").Append(Time(m.CreatedAt))
                .Append("</td><td>").Append(WebUtility.HtmlEncode(m.Recipient))
                .Append("</td><td><a href=\"/dev/mailbox/").Append(WebUtility.UrlEncode(m.Id)).Append(query).Append("\">")
                .Append(WebUtility.HtmlEncode(m.Subject)).Append("</a></td><td>").Append(WebUtility.HtmlEncode(m.FlowId ?? ""))
                .Append("</td><td class=\"").Append(status).Append("\">").Append(status).Append("</td></tr>");
        }

        return html.Append("</table></body></html>").ToString();
    }

    /// <summary>From, To, Subject and date; the HTML part rendered in a sandboxed frame; the text part; the headers.</summary>
    public static string Message(OutboxMessage m, EmailAddress from, string? key)
    {
        var date = m.SentAt ?? m.CreatedAt;
        var email = OutboxEmail.ToEmail(m, from);
        var html = Start(m.Subject + " — Rekindle dev mailbox")
            .Append("<p><a href=\"/dev/mailbox").Append(KeyQuery(key)).Append("\">← all messages</a></p>")
            .Append("<h1>").Append(WebUtility.HtmlEncode(m.Subject)).Append("</h1><dl>");
        Field(html, "From", from.ToString());
        Field(html, "To", m.Recipient);
        Field(html, "Subject", m.Subject);
        Field(html, "Date", Time(date) + (m.SentAt is null ? " (created; not sent yet)" : ""));
        Field(html, "Status", Status(m) + (m.LastError is null ? "" : ": " + m.LastError));
        Field(html, "Flow", m.FlowId is null ? "" : $"{m.FlowId}, step {m.StepId}");
        html.Append("</dl><h2>HTML</h2>")
            .Append("<iframe sandbox title=\"HTML part\" referrerpolicy=\"no-referrer\" srcdoc=\"")
            .Append(WebUtility.HtmlEncode(m.Html)).Append("\"></iframe>")
            .Append("<h2>Text</h2><pre>").Append(WebUtility.HtmlEncode(m.Text)).Append("</pre>")
            .Append("<h2>Headers</h2><pre>");
        foreach (var (name, value) in MimeBuilder.Headers(email, date))
        {
            html.Append(WebUtility.HtmlEncode(name)).Append(": ").Append(WebUtility.HtmlEncode(value)).Append('\n');
        }

        return html.Append("</pre></body></html>").ToString();
    }

    private static StringBuilder Start(string title) => new StringBuilder()
        .Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title))
        .Append("</title><style>").Append(Style).Append("</style></head><body>");

    private static void Field(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(name).Append("</dt><dd>").Append(WebUtility.HtmlEncode(value)).Append("</dd>");

    private static string KeyQuery(string? key) => string.IsNullOrEmpty(key) ? "" : "?key=" + WebUtility.UrlEncode(key);

    private static string Status(OutboxMessage m) => m.Status.ToString().ToLowerInvariant();

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
