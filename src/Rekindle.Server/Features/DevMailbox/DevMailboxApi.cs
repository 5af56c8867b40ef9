using Rekindle.Channels.Email;
using Rekindle.Engine.Outbox;
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
        app.MapGet("/dev/mailbox/{id}", async (string id, HttpRequest request, MessageStore store, SmtpOptions smtp, CancellationToken ct) =>
            {
                if (await store.FindAsync(id, ct) is not { } m)
                {
                    return Results.NotFound(new ApiError($"no message '{id}'"));
                }

                // Nothing in the page may run: the email's HTML is shown only inside a sandboxed frame.
                request.HttpContext.Response.Headers.ContentSecurityPolicy = MailboxPage.ContentSecurityPolicy;
                return Results.Content(MailboxPage.Message(m, OutboxEmail.Sender(smtp), request.Query["key"]), "text/html; charset=utf-8");
            })
            .ExcludeFromDescription();
        return app;
    }
}

/// <param name="InstanceId">The journey that sent it (GET /api/contacts/{id}/journeys).</param>
/// <param name="StepId">The flow step that sent it.</param>
public sealed record MailboxItem(string Id, string ContactId, string? FlowId, string Channel, string To, string Subject, string Html,
    string Text, string Status, string? Transport, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts, string? LastError,
    string? InstanceId = null, string? StepId = null)
{
    public static MailboxItem From(OutboxMessage m) => new(m.Id, m.ContactId, m.FlowId, m.Channel, m.Recipient, m.Subject, m.Html,
        m.Text, m.Status.ToString().ToLowerInvariant(), m.Transport, m.CreatedAt, m.SentAt, m.Attempts, m.LastError, m.InstanceId, m.StepId);
}
