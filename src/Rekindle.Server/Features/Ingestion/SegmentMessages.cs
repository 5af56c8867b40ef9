using System.ComponentModel;
using System.Text.Json;
using Rekindle.Server.Features.Hosting;
using Rekindle.Server.Features.Security;

namespace Rekindle.Server.Features.Ingestion;

// The Segment message shapes, for the OpenAPI document only: the handlers read the raw body (size limits,
// per-message errors) and the core's SegmentParser decides what is valid. Field names are Segment's.

/// <summary>The fields every Segment message may carry.</summary>
public abstract record SegmentMessage
{
    [Description("De-duplication key: a message sent again with the same messageId is stored once")]
    public string? MessageId { get; init; }

    [Description("The shopper before they identify (one of anonymousId or userId is required)")]
    public string? AnonymousId { get; init; }

    [Description("The shop's id of the customer")]
    public string? UserId { get; init; }

    [Description("When it happened (ISO-8601); corrected by sentAt for the client's clock")]
    public DateTimeOffset? Timestamp { get; init; }

    [Description("When the client sent it (ISO-8601)")]
    public DateTimeOffset? SentAt { get; init; }

    [Description("Context: ip, userAgent, page, traits, ... (stored as sent)")]
    public Dictionary<string, JsonElement>? Context { get; init; }

    public Dictionary<string, JsonElement>? Integrations { get; init; }

    [Description("The write key, when not sent as the HTTP Basic user name")]
    public string? WriteKey { get; init; }
}

public sealed record TrackMessage : SegmentMessage
{
    [Description("The action, e.g. Product Added, Order Completed")]
    public required string Event { get; init; }

    public Dictionary<string, JsonElement>? Properties { get; init; }
}

public sealed record IdentifyMessage : SegmentMessage
{
    [Description("email, phone, first_name, last_name, email_consent, ...")]
    public Dictionary<string, JsonElement>? Traits { get; init; }
}

public sealed record PageMessage : SegmentMessage
{
    public string? Name { get; init; }

    public string? Category { get; init; }

    public Dictionary<string, JsonElement>? Properties { get; init; }
}

public sealed record ScreenMessage : SegmentMessage
{
    public string? Name { get; init; }

    public string? Category { get; init; }

    public Dictionary<string, JsonElement>? Properties { get; init; }
}

public sealed record AliasMessage : SegmentMessage
{
    [Description("The identity merged into userId")]
    public required string PreviousId { get; init; }
}

public sealed record GroupMessage : SegmentMessage
{
    public required string GroupId { get; init; }

    public Dictionary<string, JsonElement>? Traits { get; init; }
}

/// <summary>One message of a batch: any type, with the fields of that type.</summary>
public sealed record BatchMessage : SegmentMessage
{
    [Description("track, identify, page, screen, alias or group")]
    public required string Type { get; init; }

    public string? Event { get; init; }

    public string? Name { get; init; }

    public string? Category { get; init; }

    public string? PreviousId { get; init; }

    public string? GroupId { get; init; }

    public Dictionary<string, JsonElement>? Properties { get; init; }

    public Dictionary<string, JsonElement>? Traits { get; init; }
}

public sealed record BatchRequest
{
    [Description("The messages; each stands alone (the valid ones are stored, the others listed in rejected)")]
    public required IReadOnlyList<BatchMessage> Batch { get; init; }

    [Description("Context merged into every message")]
    public Dictionary<string, JsonElement>? Context { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public string? WriteKey { get; init; }
}

/// <summary>
/// A refused request: either the envelope was bad (error and problems, nothing stored) or no message of it was
/// valid (success false, accepted 0, rejected with each message's problems).
/// </summary>
public sealed record IngestionError(string Error, IReadOnlyList<FieldProblem>? Problems, bool? Success, int? Accepted, IReadOnlyList<RejectedItem>? Rejected);

internal static class IngestionDocs
{
    /// <summary>The request body and the answers of one /v1 operation, for the OpenAPI document.</summary>
    public static RouteHandlerBuilder Documented<TMessage>(this RouteHandlerBuilder endpoint) => endpoint
        .DocumentsBody<TMessage>()
        .Produces<IngestionResponse>(StatusCodes.Status200OK)
        .Produces<IngestionError>(StatusCodes.Status400BadRequest)
        .Produces<ApiError>(StatusCodes.Status401Unauthorized)
        .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge);
}
