using System.Text.Json.Serialization;
using Rekindle.Core.Events;
using Rekindle.Engine.Common;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Events;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Server.Features.Ingestion;

/// <summary>
/// The Segment HTTP tracking API, so existing Segment and RudderStack libraries work unchanged.
/// A 200 means durable: the accepted messages are committed before the answer. In a batch, each
/// message stands alone: the valid ones are stored, the invalid ones are listed in "rejected" with
/// their index and the field at fault; a batch whose envelope is bad is refused whole (4xx, nothing stored).
/// </summary>
public static class IngestionApi
{
    private static readonly SegmentParser Parser = new(IngestionLimits.Default);

    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("Ingestion (Segment-compatible)").RequireCors(IngestionCors.PolicyName)
            .AddEndpointFilter<Operations.AcceptedEventsFilter>();
        v1.MapPost("/track", (HttpRequest r) => Single(r.HttpContext, MessageType.Track)).WithSummary("Record an action (Segment track)").Documented<TrackMessage>();
        v1.MapPost("/identify", (HttpRequest r) => Single(r.HttpContext, MessageType.Identify)).WithSummary("Tie a user to traits (Segment identify)").Documented<IdentifyMessage>();
        v1.MapPost("/page", (HttpRequest r) => Single(r.HttpContext, MessageType.Page)).WithSummary("Record a page view (Segment page)").Documented<PageMessage>();
        v1.MapPost("/screen", (HttpRequest r) => Single(r.HttpContext, MessageType.Screen)).WithSummary("Record an app screen view (Segment screen)").Documented<ScreenMessage>();
        v1.MapPost("/alias", (HttpRequest r) => Single(r.HttpContext, MessageType.Alias)).WithSummary("Merge two identities (Segment alias)").Documented<AliasMessage>();
        v1.MapPost("/group", (HttpRequest r) => Single(r.HttpContext, MessageType.Group)).WithSummary("Associate a user with a group (Segment group)").Documented<GroupMessage>();
        v1.MapPost("/batch", (HttpRequest r) => Batch(r.HttpContext)).WithSummary("Send up to 500 KB of messages of any type (Segment batch)").Documented<BatchRequest>();

        // The short paths Segment's browser library (analytics.js / Analytics Next) posts to: the same
        // endpoints under the first letter of their type. Left out of the API document: they are aliases.
        var browser = v1.MapGroup("").ExcludeFromDescription();
        browser.MapPost("/t", (HttpRequest r) => Single(r.HttpContext, MessageType.Track));
        browser.MapPost("/i", (HttpRequest r) => Single(r.HttpContext, MessageType.Identify));
        browser.MapPost("/p", (HttpRequest r) => Single(r.HttpContext, MessageType.Page));
        browser.MapPost("/s", (HttpRequest r) => Single(r.HttpContext, MessageType.Screen));
        browser.MapPost("/a", (HttpRequest r) => Single(r.HttpContext, MessageType.Alias));
        browser.MapPost("/g", (HttpRequest r) => Single(r.HttpContext, MessageType.Group));
        browser.MapPost("/b", (HttpRequest r) => Batch(r.HttpContext));
        v1.MapBrowserSettings();
        return app;
    }

    private static Task<IResult> Single(HttpContext context, MessageType type) =>
        HandleAsync(context, Parser.Limits.MaxMessageBytes, (body, now) => Parser.ParseSingle(type, body, now, Ids.New));

    private static Task<IResult> Batch(HttpContext context) =>
        HandleAsync(context, Parser.Limits.MaxBatchBytes, (body, now) => Parser.ParseBatch(body, now, Ids.New));

    private static async Task<IResult> HandleAsync(HttpContext context, int maxBytes, Func<byte[], DateTimeOffset, ParseResult> parse)
    {
        var services = context.RequestServices;
        var receivedAt = services.GetRequiredKeyedService<TimeProvider>(Rekindle.Engine.Clock.RekindleClock.Key).GetUtcNow();
        var (body, bodyError) = await RequestBody.ReadAsync(context.Request, maxBytes, context.RequestAborted);
        if (body is null)
        {
            return bodyError!;
        }

        var result = parse(body, receivedAt);
        var keys = services.GetRequiredService<KeyRegistry>();
        var writeKey = SecurityExtensions.BasicUserName(context.Request) ?? result.WriteKey;
        if (!keys.IsWriteKey(writeKey))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Rekindle\"";
            return Results.Json(new ApiError(writeKey is null
                ? "missing write key: send it as the HTTP Basic user name (or \"writeKey\" in the body)"
                : "unknown write key"), statusCode: StatusCodes.Status401Unauthorized);
        }

        if (result.Error is { } error)
        {
            // The problem text reads after the field name ("body is not valid JSON: ..."); alone it is a fragment.
            return Results.Json(new ApiError($"{error.Field} {error.Problem}", [new FieldProblem(error.Field, error.Problem)]),
                statusCode: error.Kind == RequestErrorKind.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }

        var rejected = result.Rejected.Select(r => new RejectedItem(r.Index, r.MessageId,
            r.Errors.Select(e => new FieldProblem(e.Field, e.Problem)).ToList())).ToList();
        if (result.Accepted.Count == 0)
        {
            var first = result.Rejected.SelectMany(r => r.Errors).FirstOrDefault();
            return Results.Json(new IngestionResponse(false, 0, rejected, first is null ? "no messages" : $"{first.Field} {first.Problem}"),
                statusCode: StatusCodes.Status400BadRequest);
        }

        await services.GetRequiredService<GroupCommitWriter>().WriteAsync(
            EventStore.Insert(result.Accepted).ToList(), context.RequestAborted);
        services.GetRequiredService<EngineSignals>().EventsStored.Set();
        var warnings = result.Warnings.Count == 0
            ? null
            : result.Warnings.Select(w => new WarningItem(w.Index, w.MessageId, w.Field, w.Problem)).ToList();
        return Results.Ok(new IngestionResponse(true, result.Accepted.Count, rejected, null) { Warnings = warnings });
    }
}

/// <summary>Segment answers {"success": true}; Rekindle adds what it accepted and what it refused.</summary>
public sealed record IngestionResponse(bool Success, int Accepted, IReadOnlyList<RejectedItem> Rejected, string? Error)
{
    /// <summary>Values of accepted messages that are ignored (commerce properties); absent when there are none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<WarningItem>? Warnings { get; init; }
}

/// <summary>One ignored value of an accepted message: "properties.price" "is not a number: 'five'".</summary>
public sealed record WarningItem(int Index, string MessageId, string Field, string Problem);

public sealed record RejectedItem(int Index, string? MessageId, IReadOnlyList<FieldProblem> Problems);
