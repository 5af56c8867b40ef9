namespace Rekindle.Core.Events;

/// <summary>Where a JSON value lies in the message's bytes; a length of 0 means absent.</summary>
internal readonly record struct JsonSlice(int Start, int Length)
{
    public bool IsPresent => Length > 0;

    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> source) => source.Slice(Start, Length);
}

/// <summary>Fields whose value had the wrong type, so that "is required" is not reported on top of it.</summary>
[Flags]
internal enum DraftField
{
    None = 0,
    Type = 1,
    UserId = 2,
    AnonymousId = 4,
    PreviousId = 8,
    GroupId = 16,
    Event = 32,
}

/// <summary>The fields of one message as read, before the per-type rules are checked.</summary>
internal struct MessageDraft(int index)
{
    /// <summary>Position in the batch, or -1 for a single call (field names then have no "batch[i]." prefix).</summary>
    public readonly int Index = index;

    public MessageType? Type;
    public string? MessageId;
    public string? UserId;
    public string? AnonymousId;
    public string? PreviousId;
    public string? GroupId;
    public string? Event;
    public string? Name;
    public string? WriteKey;
    public DateTimeOffset? Timestamp;
    public DateTimeOffset? OriginalTimestamp;
    public DateTimeOffset? SentAt;
    public JsonSlice Properties;
    public JsonSlice Traits;
    public JsonSlice Context;
    public DraftField Invalid;
    public List<FieldError>? Errors;

    public readonly bool IsValid => Errors is null;

    public void AddError(string field, string problem) =>
        (Errors ??= []).Add(new FieldError(Index < 0 ? field : $"batch[{Index}].{field}", problem));

    public void AddError(DraftField flag, string field, string problem)
    {
        Invalid |= flag;
        AddError(field, problem);
    }

    /// <summary>An error about the message as a whole (its size), named "body" or "batch[i]".</summary>
    public void AddMessageError(string problem) =>
        (Errors ??= []).Add(new FieldError(Index < 0 ? "body" : $"batch[{Index}]", problem));

    public readonly bool IsInvalid(DraftField flags) => (Invalid & flags) != 0;
}
