using System.Net;
using System.Text;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Messages;

namespace Rekindle.Server.Features.DevMailbox;

/// <summary>
/// Every outgoing message, as the outbox holds it. With no SMTP configured this is where mail "arrives";
/// with SMTP it is still the record of what was sent.
/// </summary>
public static class DevMailboxApi
{
    public static IEndpointRouteBuilder MapDevMailboxApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dev/mailbox", async (int? limit, MessageStore store, CancellationToken ct) =>
            Results.Ok((await store.RecentAsync(Math.Clamp(limit ?? 100, 1, 1000), ct)).Select(MailboxItem.From).ToList()))
            .Produces<List<MailboxItem>>()
            .WithTags("Development").WithSummary("Outgoing messages, newest first");
        app.MapGet("/api/dev/mailbox/{id}", async (string id, MessageStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } m ? Results.Ok(MailboxItem.From(m)) : Results.NotFound(new ApiError($"no message '{id}'")))
            .Produces<MailboxItem>().Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithTags("Development").WithSummary("One outgoing message");

        app.MapGet("/dev/mailbox", async (HttpRequest request, MessageStore store, CancellationToken ct) =>
            Results.Content(MailboxPage.List(await store.RecentAsync(200, ct), request.Query["key"]), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        app.MapGet("/dev/mailbox/{id}", async (string id, MessageStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } m
                ? Results.Content(m.Html, "text/html; charset=utf-8")
                : Results.NotFound(new ApiError($"no message '{id}'")))
            .ExcludeFromDescription();
        return app;
    }
}

public sealed record MailboxItem(string Id, string ContactId, string? FlowId, string Channel, string To, string Subject, string Html,
    string Text, string Status, string? Transport, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts, string? LastError)
{
    public static MailboxItem From(OutboxMessage m) => new(m.Id, m.ContactId, m.FlowId, m.Channel, m.Recipient, m.Subject, m.Html,
        m.Text, m.Status.ToString().ToLowerInvariant(), m.Transport, m.CreatedAt, m.SentAt, m.Attempts, m.LastError);
}

internal static class MailboxPage
{
    public static string List(IReadOnlyList<OutboxMessage> messages, string? key)
    {
        var query = string.IsNullOrEmpty(key) ? "" : "?key=" + WebUtility.UrlEncode(key);
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Rekindle dev mailbox</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}")
            .Append("td,th{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left}th{background:#f5f5f5}")
            .Append(".pending{color:#b70}.sent{color:#070}.failed{color:#b00}</style></head><body>")
            .Append("<h1>Dev mailbox</h1><p>").Append(messages.Count).Append(" most recent outgoing messages.</p>")
            .Append("<table><tr><th>Created</th><th>To</th><th>Subject</th><th>Flow</th><th>Status</th></tr>");
        foreach (var m in messages)
        {
            var status = m.Status.ToString().ToLowerInvariant();
            html.Append("<tr><td>").Append(m.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(WebUtility.HtmlEncode(m.Recipient))
                .Append("</td><td><a href=\"/dev/mailbox/").Append(WebUtility.UrlEncode(m.Id)).Append(query).Append("\">")
                .Append(WebUtility.HtmlEncode(m.Subject)).Append("</a></td><td>").Append(WebUtility.HtmlEncode(m.FlowId ?? ""))
                .Append("</td><td class=\"").Append(status).Append("\">").Append(status).Append("</td></tr>");
        }

        return html.Append("</table></body></html>").ToString();
    }
}
