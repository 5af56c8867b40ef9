using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Flows.Triggers;

namespace Rekindle.Core.Flows;

/// <summary>
/// The "where" of a trigger, a goal or a wait for an event: per top-level property, a value or a list of values
/// (<c>{"to": ["At Risk", "Cannot Lose Them"], "risk": "high"}</c>).
/// </summary>
internal static class PropertyFilters
{
    /// <summary>More filters than anyone needs; the bound keeps matching cheap on every event.</summary>
    public const int Max = 20;

    /// <summary>Absent or null gives no filters; null when invalid (reported).</summary>
    public static ImmutableArray<PropertyFilter>? Read(JsonObjectReader owner, string name, List<FlowError> errors)
    {
        JsonElement value = owner.Get(name);
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return [];
        }

        int before = errors.Count;
        JsonObjectReader? where = JsonObjectReader.Open(value, owner.PathOf(name), errors);
        if (where is null)
        {
            return null;
        }

        var filters = ImmutableArray.CreateBuilder<PropertyFilter>();
        foreach (JsonProperty property in value.EnumerateObject())
        {
            int mark = errors.Count;
            if (TriggerJson.ReadValues(where, property.Name) is { IsEmpty: false } allowed)
            {
                filters.Add(new PropertyFilter(property.Name, allowed));
            }
            else if (errors.Count == mark)
            {
                // A null says nothing a filter could test (ReadValues takes it as "absent").
                where.Error(property.Name, "must be a value (string, number or boolean) or a non-empty list of them");
            }
        }

        if (filters.Count > Max)
        {
            owner.Error(name, $"must have at most {Max} properties");
        }

        return errors.Count == before ? filters.ToImmutable() : null;
    }

    public static void Write(Utf8JsonWriter w, ImmutableArray<PropertyFilter> filters)
    {
        w.WriteStartObject();
        foreach (PropertyFilter filter in filters)
        {
            TriggerJson.WriteValues(w, filter.Property, filter.Values);
        }

        w.WriteEndObject();
    }
}
