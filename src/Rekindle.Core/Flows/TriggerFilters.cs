using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Flows.Triggers;

namespace Rekindle.Core.Flows;

/// <summary>Whether an event's properties pass a trigger's filters.</summary>
internal static class TriggerFilters
{
    public static bool Match(ImmutableArray<PropertyFilter> filters, string propertiesJson)
    {
        if (filters.IsDefaultOrEmpty)
        {
            return true;
        }

        using var document = JsonDocument.Parse(string.IsNullOrEmpty(propertiesJson) ? "{}" : propertiesJson);
        var properties = document.RootElement;
        foreach (var filter in filters)
        {
            if (properties.ValueKind != JsonValueKind.Object
                || !properties.TryGetProperty(filter.Property, out var value)
                || Text(value) is not { } text
                || !filter.Values.Contains(text, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text (<see cref="Text"/>) of one top-level property of an event, or null when absent or not a scalar.</summary>
    public static string? PropertyText(string propertiesJson, string property)
    {
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(propertiesJson) ? "{}" : propertiesJson);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var value)
            ? Text(value)
            : null;
    }

    /// <summary>A value as filters compare it: a string's value, a number's or boolean's JSON text; null for anything else.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
