using System.Text.Json;
using Rekindle.Core.Events;

namespace Rekindle.Core.Flows.Triggers;

/// <summary>
/// The events instances of trait, consent and timed triggers start with. They are not stored events: they give the
/// instance a start time ("since the flow started" conditions), an id to record, and properties (from/to) the flow
/// can read like any trigger's.
/// </summary>
public static class TriggerEvents
{
    public const string TraitChanged = "Trait Changed";
    public const string ConsentChanged = "Consent Changed";
    public const string Inactive = "Contact Inactive";
    public const string DateReached = "Date Reached";

    /// <param name="id">Unique and stable for the occasion (the causing event's id with a suffix, or the timer's id).</param>
    public static EventMessage Synthesise(string id, string name, DateTimeOffset at, Action<Utf8JsonWriter> properties, string? userId = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            properties(w);
            w.WriteEndObject();
        }

        return new EventMessage
        {
            MessageId = id,
            Type = MessageType.Track,
            Event = name,
            UserId = userId,
            Properties = System.Text.Encoding.UTF8.GetString(buffer.ToArray()),
            Timestamp = at,
            ReceivedAt = at,
        };
    }

    /// <summary>Writes a JSON value, or null when absent.</summary>
    internal static void WriteValue(Utf8JsonWriter w, string name, JsonElement? value)
    {
        if (value is { } v)
        {
            w.WritePropertyName(name);
            v.WriteTo(w);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
