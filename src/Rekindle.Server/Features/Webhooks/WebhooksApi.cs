using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Rekindle.Core.Contacts;
using Rekindle.Core.Flows;
using Rekindle.Core.Messaging;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Common;
using Rekindle.Engine.Outbox;
using Rekindle.Engine.Outbox.Webhooks;
using Rekindle.Server.Features.Hosting;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Flows;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Messages;

namespace Rekindle.Server.Features.Webhooks;

/// <summary>
/// A flow's webhooks: the secret their signatures are made with (the only place it is ever shown; admin key) and the
/// delivery log (docs/flows.md, "Channels and webhooks").
/// </summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/flows").WithTags("Webhooks");
        api.MapGet("/{id}/webhook-secret", SecretAsync)
            .WithSummary("The secret the flow's webhooks are signed with (made now if the flow has none yet), for the receiver to verify them");
        api.MapPost("/{id}/webhook-secret/rotate", RotateAsync)
            .WithSummary("Replaces the flow's webhook secret: every request from now on is signed with the new one");
        api.MapPost("/{id}/webhook-test", TestAsync).DocumentsBody<WebhookTestRequest>().Produces<WebhookTestView>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("Queues one webhook as the flow would send it (signed with its secret, retried, logged) to check a receiver; " +
                "the body is rendered for the contact given, or for an empty one");
        api.MapGet("/{id}/webhook-deliveries", DeliveriesAsync)
            .WithSummary("Every attempt to deliver the flow's webhooks, newest first (optionally of one message)");
        return app;
    }

    private static async Task<Results<Ok<WebhookSecretView>, NotFound<ApiError>>> SecretAsync(
        string id, FlowStore flows, WebhookSecrets secrets, CancellationToken ct) =>
        await FlowExistsAsync(flows, id, ct)
            ? TypedResults.Ok(WebhookSecretView.From(await secrets.GetAsync(id, ct)))
            : TypedResults.NotFound(NoFlow(id));

    private static async Task<Results<Ok<WebhookSecretView>, NotFound<ApiError>>> RotateAsync(
        string id, FlowStore flows, WebhookSecrets secrets, CancellationToken ct) =>
        await FlowExistsAsync(flows, id, ct)
            ? TypedResults.Ok(WebhookSecretView.From(await secrets.RotateAsync(id, ct)))
            : TypedResults.NotFound(NoFlow(id));

    private static async Task<Results<Ok<List<WebhookDeliveryView>>, NotFound<ApiError>>> DeliveriesAsync(
        string id, string? messageId, int? limit, FlowStore flows, WebhookDeliveryStore deliveries, CancellationToken ct)
    {
        if (!await FlowExistsAsync(flows, id, ct))
        {
            return TypedResults.NotFound(NoFlow(id));
        }

        var attempts = messageId is null
            ? await deliveries.ForFlowAsync(id, Math.Clamp(limit ?? 100, 1, 1000), ct)
            : [.. (await deliveries.ForMessageAsync(messageId, ct)).Where(a => a.FlowId == id).Reverse()];
        return TypedResults.Ok(attempts.Select(WebhookDeliveryView.From).ToList());
    }

    private static async Task<IResult> TestAsync(
        string id, HttpRequest request, FlowStore flows, ContactStore contacts, [FromServices] WebhookComposer composer, GroupCommitWriter writer,
        EngineSignals signals, [FromKeyedServices(RekindleClock.Key)] TimeProvider time, CancellationToken ct)
    {
        var (body, refusal) = await JsonRequestBody.ReadAsync<WebhookTestRequest>(request, ct);
        if (body is null)
        {
            return refusal!;
        }

        if (string.IsNullOrWhiteSpace(body.Url))
        {
            return TypedResults.BadRequest(new ApiError("url is required", [new FieldProblem("url", "is required: where to POST the webhook")]));
        }

        if (!await FlowExistsAsync(flows, id, ct))
        {
            return TypedResults.NotFound(NoFlow(id));
        }

        var now = time.GetUtcNow();
        var profile = body.ContactId is null
            ? new ContactProfile { Id = "webhook-test", CreatedAt = now }
            : await contacts.FindLiveAsync(body.ContactId, ct);
        if (profile is null)
        {
            return TypedResults.NotFound(new ApiError($"no contact '{body.ContactId}'"));
        }

        var content = new WebhookContent(body.Url, body.Body ?? DefaultBody,
            body.Headers is null ? null : ImmutableSortedDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, body.Headers));
        var row = composer.Compose(new PendingMessage(profile, id, "", "", new SendMessage("webhook-test", content)), now);
        if (row.Status == MessageStatus.Failed)
        {
            var field = row.LastError!.StartsWith("webhook url", StringComparison.Ordinal) ? "url" : "body";
            return TypedResults.BadRequest(new ApiError(row.LastError, [new FieldProblem(field, row.LastError)]));
        }

        // Not a journey's message: no instance nor step; durable before the 202.
        await writer.WriteAsync(MessageStore.Insert(row with { InstanceId = null, StepId = null }), ct);
        signals.MessagesQueued.Set();
        return TypedResults.Accepted($"/api/flows/{id}/webhook-deliveries?messageId={row.Id}", new WebhookTestView(row.Id));
    }

    private const string DefaultBody = """{"test": true, "contactId": "{{ contact.id }}"}""";

    private static async Task<bool> FlowExistsAsync(FlowStore flows, string id, CancellationToken ct) =>
        (await flows.ListFlowsAsync(ct)).Any(f => f.Id == id);

    private static ApiError NoFlow(string id) => new($"no flow '{id}'");
}

/// <param name="Secret">The HMAC-SHA256 key, as text: the receiver uses its UTF-8 bytes.</param>
/// <param name="CreatedAt">When it was made (or last rotated).</param>
public sealed record WebhookSecretView(string FlowId, string Secret, DateTimeOffset CreatedAt)
{
    public static WebhookSecretView From(WebhookSecret s) => new(s.FlowId, s.Secret, s.CreatedAt);

    public override string ToString() => $"WebhookSecretView {{ FlowId = {FlowId}, CreatedAt = {CreatedAt:O} }}";
}

/// <summary>One attempt to deliver a webhook message.</summary>
/// <param name="StatusCode">The receiver's HTTP status; null when no answer came (see <paramref name="Error"/>).</param>
/// <param name="Outcome">delivered, retrying (tried again later) or failed (final).</param>
public sealed record WebhookDeliveryView(
    string MessageId, string ContactId, int Attempt, DateTimeOffset AttemptedAt, long DurationMs, string Url, int? StatusCode, string? Error,
    WebhookAttemptOutcomeView Outcome)
{
    public static WebhookDeliveryView From(WebhookAttempt a) => new(
        a.MessageId, a.ContactId, a.Attempt, a.AttemptedAt, (long)a.Duration.TotalMilliseconds, a.Url, a.StatusCode, a.Error,
        ApiEnum.From<WebhookAttemptOutcomeView>(a.Outcome));
}

/// <param name="Url">Where to POST (http or https).</param>
/// <param name="Body">A Liquid template producing JSON; by default a small test document.</param>
/// <param name="ContactId">The contact the body is rendered for; an empty contact when not given.</param>
public sealed record WebhookTestRequest(string? Url, string? Body, Dictionary<string, string>? Headers, string? ContactId);

/// <param name="MessageId">The outbox id: the X-Rekindle-Message-Id header, and the key of the delivery log.</param>
public sealed record WebhookTestView(string MessageId);

public enum WebhookAttemptOutcomeView
{
    Delivered,
    Retrying,
    Failed,
}
