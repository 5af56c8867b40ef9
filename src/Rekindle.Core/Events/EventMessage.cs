namespace Rekindle.Core.Events;

/// <summary>The Segment call a message came in as.</summary>
public enum MessageType
{
    Track,
    Identify,
    Page,
    Screen,
    Alias,
    Group,
}

/// <summary>
/// One validated, normalised Segment message: what the ingestion API stores and what the engine
/// feeds to a contact. JSON payloads stay as compact JSON object text so that storage can keep them
/// verbatim and the profile code parses only what it needs.
/// </summary>
public sealed record EventMessage
{
    /// <summary>Storage order; 0 until the message has been stored.</summary>
    public long Seq { get; init; }

    public required string MessageId { get; init; }

    public required MessageType Type { get; init; }

    /// <summary>The event name of a track call ("Product Added").</summary>
    public string? Event { get; init; }

    /// <summary>The page or screen name of a page/screen call.</summary>
    public string? Name { get; init; }

    public string? UserId { get; init; }

    public string? AnonymousId { get; init; }

    /// <summary>The previous identity of an alias call.</summary>
    public string? PreviousId { get; init; }

    /// <summary>The group of a group call.</summary>
    public string? GroupId { get; init; }

    /// <summary>When it happened, corrected for the client's clock skew.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>When the server accepted it.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The client's own timestamp, before correction.</summary>
    public DateTimeOffset? OriginalTimestamp { get; init; }

    /// <summary>When the client says it sent the request.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>track/page/screen properties, as a JSON object.</summary>
    public string Properties { get; init; } = "{}";

    /// <summary>identify/group traits, as a JSON object.</summary>
    public string Traits { get; init; } = "{}";

    /// <summary>The Segment context object, as a JSON object.</summary>
    public string Context { get; init; } = "{}";
}
