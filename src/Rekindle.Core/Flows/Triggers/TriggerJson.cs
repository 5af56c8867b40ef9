using System.Collections.Immutable;
using System.Text.Json;

namespace Rekindle.Core.Flows.Triggers;

/// <summary>Reading and writing the parts trigger kinds share: the object with its "type", event lists, value lists.</summary>
internal static class TriggerJson
{
    /// <summary>
    /// Reads "trigger": an object whose "type" names the kind (<see cref="TriggerKinds"/>); without "type" it is an
    /// event trigger, as every flow written before the other kinds existed.
    /// </summary>
    public static FlowTrigger? Read(JsonObjectReader root, List<FlowError> errors)
    {
        JsonElement value = root.Get("trigger");
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            root.Error("trigger", "is required");
            return null;
        }

        JsonObjectReader? trigger = JsonObjectReader.Open(value, root.PathOf("trigger"), errors);
        if (trigger is null)
        {
            return null;
        }

        string type = trigger.OptionalString("type") ?? EventTrigger.JsonType;
        Func<JsonObjectReader, List<FlowError>, FlowTrigger?>? read = TriggerKinds.Reader(type);
        if (read is null)
        {
            trigger.Error("type", $"must be {FlowJsonNames.OneOf(TriggerKinds.Names)}");
            return null;
        }

        int before = errors.Count;
        FlowTrigger? result = read(trigger, errors);
        trigger.RejectUnknown();
        return errors.Count == before ? result : null;
    }

    public static void Write(Utf8JsonWriter w, FlowTrigger trigger)
    {
        w.WriteStartObject("trigger");

        // An event trigger is written as it always was (no "type"), so stored documents and exports stay familiar.
        if (trigger is not EventTrigger)
        {
            w.WriteString("type", trigger.Type);
        }

        trigger.WriteFields(w);
        w.WriteEndObject();
    }

    /// <summary>A required, non-empty list of distinct, non-blank event names.</summary>
    public static ImmutableArray<string>? ReadEvents(JsonObjectReader trigger, List<FlowError> errors)
    {
        JsonElement value = trigger.Get("events");
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            trigger.Error("events", "is required");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            trigger.Error("events", "must be an array");
            return null;
        }

        if (value.GetArrayLength() == 0)
        {
            trigger.Error("events", "must contain at least one event");
            return null;
        }

        var events = ImmutableArray.CreateBuilder<string>();
        bool valid = true;
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            string path = $"{trigger.PathOf("events")}[{i++}]";
            string? name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            string? problem =
                item.ValueKind != JsonValueKind.String ? "must be a string"
                : string.IsNullOrWhiteSpace(name) ? "must not be empty"
                : events.Contains(name, StringComparer.Ordinal) ? $"duplicate event '{name}'"
                : null;
            if (problem is not null)
            {
                errors.Add(new(path, problem));
                valid = false;
            }
            else
            {
                events.Add(name!);
            }
        }

        return valid ? events.ToImmutable() : null;
    }

    public static void WriteEvents(Utf8JsonWriter w, ImmutableArray<string> events)
    {
        w.WriteStartArray("events");
        foreach (string e in events)
        {
            w.WriteStringValue(e);
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// A value (string, number, boolean) or a non-empty list of them, as their comparison text
    /// (<see cref="TriggerFilters.Text"/>). Absent: an empty list ("any value"); malformed: null, with an error.
    /// </summary>
    public static ImmutableArray<string>? ReadValues(JsonObjectReader reader, string name)
    {
        JsonElement values = reader.Get(name);
        if (values.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return [];
        }

        ImmutableArray<string> allowed = values.ValueKind switch
        {
            JsonValueKind.Array => [.. values.EnumerateArray().Select(TriggerFilters.Text).OfType<string>()],
            _ => TriggerFilters.Text(values) is { } single ? [single] : [],
        };
        bool wellFormed = values.ValueKind == JsonValueKind.Array
            ? values.GetArrayLength() > 0 && allowed.Length == values.GetArrayLength()
            : allowed.Length == 1;
        if (string.IsNullOrWhiteSpace(name) || !wellFormed)
        {
            reader.Error(name, "must be a value (string, number or boolean) or a non-empty list of them");
            return null;
        }

        return allowed;
    }

    /// <summary>Writes a value list as <see cref="ReadValues"/> reads it; nothing when empty.</summary>
    public static void WriteValues(Utf8JsonWriter w, string name, ImmutableArray<string> values)
    {
        if (values.IsDefaultOrEmpty)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>Whether <paramref name="text"/> is allowed by a value list (empty: anything, even absence).</summary>
    public static bool Allows(ImmutableArray<string> values, string? text) =>
        values.IsDefaultOrEmpty || (text is not null && values.Contains(text, StringComparer.Ordinal));

    /// <summary>Ordinal equality of two value lists (ImmutableArray compares by reference).</summary>
    public static bool Same(ImmutableArray<string> a, ImmutableArray<string> b) =>
        (a.IsDefault ? [] : a).AsSpan().SequenceEqual((b.IsDefault ? [] : b).AsSpan());
}
