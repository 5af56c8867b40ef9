namespace Rekindle.Core.Events;

/// <summary>
/// What one ingestion request produced. When <see cref="Error"/> is set the whole request was refused
/// and nothing is accepted; otherwise every message is either accepted or listed in <see cref="Rejected"/>.
/// </summary>
/// <param name="WriteKey">The body's "writeKey" (Segment allows it instead of Basic auth), when present.</param>
public sealed record ParseResult(
    IReadOnlyList<EventMessage> Accepted,
    IReadOnlyList<RejectedMessage> Rejected,
    string? WriteKey,
    RequestError? Error)
{
    /// <summary>
    /// Accepted messages whose commerce properties hold values that will be ignored (a price of "five", a quantity of
    /// -1): stored all the same, and reported so the shop can fix its tracking.
    /// </summary>
    public IReadOnlyList<MessageWarning> Warnings { get; init; } = [];

    internal static ParseResult Failed(RequestError error, string? writeKey = null) => new([], [], writeKey, error);
}

/// <summary>A message that failed validation; <paramref name="Index"/> is its position in the batch (0 for a single call).</summary>
/// <param name="MessageId">The client's messageId, when it sent a usable one.</param>
public sealed record RejectedMessage(int Index, string? MessageId, IReadOnlyList<FieldError> Errors);

/// <summary>A value an accepted message holds that Rekindle ignores; <paramref name="Field"/> is named as in <see cref="FieldError"/>.</summary>
public sealed record MessageWarning(int Index, string MessageId, string Field, string Problem);

/// <summary>
/// One problem with one field. <paramref name="Field"/> is a JSON-path-like name ("userId",
/// "batch[3].event", "batch[2]" for the message as a whole); <paramref name="Problem"/> is plain English
/// that reads after the field name ("must be a string (got number)").
/// </summary>
public sealed record FieldError(string Field, string Problem)
{
    public override string ToString() => $"{Field}: {Problem}";
}

public enum RequestErrorKind
{
    /// <summary>The body is empty or not valid JSON.</summary>
    InvalidJson,

    /// <summary>The body is valid JSON but not an object.</summary>
    NotAnObject,

    /// <summary>The body is over the message or batch size limit.</summary>
    TooLarge,

    /// <summary>The batch envelope is wrong: "batch" missing or not an array, or a bad batch-level field.</summary>
    InvalidBatch,
}

/// <summary>Why a whole request was refused. <paramref name="Field"/> is "body" or the envelope field at fault.</summary>
public sealed record RequestError(RequestErrorKind Kind, string Field, string Problem)
{
    public override string ToString() => $"{Field}: {Problem}";
}
