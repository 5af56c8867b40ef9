using Rekindle.Core.Events;

namespace Rekindle.Engine.Serialization;

// The core stays free of Orleans types (DESIGN principle 1), so its records cross grain boundaries
// through surrogates that Orleans generates serializers for.
[GenerateSerializer, Immutable, Alias("rekindle.event-message")]
public readonly struct EventMessageSurrogate
{
    [Id(0)] public long Seq { get; init; }
    [Id(1)] public string MessageId { get; init; }
    [Id(2)] public MessageType Type { get; init; }
    [Id(3)] public string? Event { get; init; }
    [Id(4)] public string? Name { get; init; }
    [Id(5)] public string? UserId { get; init; }
    [Id(6)] public string? AnonymousId { get; init; }
    [Id(7)] public string? PreviousId { get; init; }
    [Id(8)] public string? GroupId { get; init; }
    [Id(9)] public DateTimeOffset Timestamp { get; init; }
    [Id(10)] public DateTimeOffset ReceivedAt { get; init; }
    [Id(11)] public DateTimeOffset? OriginalTimestamp { get; init; }
    [Id(12)] public DateTimeOffset? SentAt { get; init; }
    [Id(13)] public string Properties { get; init; }
    [Id(14)] public string Traits { get; init; }
    [Id(15)] public string Context { get; init; }
}

[RegisterConverter]
public sealed class EventMessageConverter : IConverter<EventMessage, EventMessageSurrogate>
{
    public EventMessage ConvertFromSurrogate(in EventMessageSurrogate s) => new()
    {
        Seq = s.Seq,
        MessageId = s.MessageId,
        Type = s.Type,
        Event = s.Event,
        Name = s.Name,
        UserId = s.UserId,
        AnonymousId = s.AnonymousId,
        PreviousId = s.PreviousId,
        GroupId = s.GroupId,
        Timestamp = s.Timestamp,
        ReceivedAt = s.ReceivedAt,
        OriginalTimestamp = s.OriginalTimestamp,
        SentAt = s.SentAt,
        Properties = s.Properties,
        Traits = s.Traits,
        Context = s.Context,
    };

    public EventMessageSurrogate ConvertToSurrogate(in EventMessage m) => new()
    {
        Seq = m.Seq,
        MessageId = m.MessageId,
        Type = m.Type,
        Event = m.Event,
        Name = m.Name,
        UserId = m.UserId,
        AnonymousId = m.AnonymousId,
        PreviousId = m.PreviousId,
        GroupId = m.GroupId,
        Timestamp = m.Timestamp,
        ReceivedAt = m.ReceivedAt,
        OriginalTimestamp = m.OriginalTimestamp,
        SentAt = m.SentAt,
        Properties = m.Properties,
        Traits = m.Traits,
        Context = m.Context,
    };
}
