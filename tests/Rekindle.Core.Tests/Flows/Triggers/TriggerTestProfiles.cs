using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;

namespace Rekindle.Core.Tests.Flows.Triggers;

/// <summary>Profiles with traits and events for the trigger tests.</summary>
internal static class TriggerTestProfiles
{
    public static ContactProfile WithTraits(object traits) => new()
    {
        Id = "c-1",
        CreatedAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Traits = JsonDocument.Parse(JsonSerializer.Serialize(traits)).RootElement.EnumerateObject()
            .ToImmutableSortedDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal),
    };

    public static ContactProfile WithEvents(params (string Event, DateTimeOffset At)[] events) => new()
    {
        Id = "c-1",
        CreatedAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
        LastEventAt = events.ToImmutableSortedDictionary(e => e.Event, e => e.At, StringComparer.Ordinal),
    };

    public static EventMessage Identify(DateTimeOffset at, string id = "m-1") => new()
    {
        MessageId = id,
        Type = MessageType.Identify,
        Timestamp = at,
        ReceivedAt = at,
    };

    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
