using System.Globalization;
using System.Text.Json;

namespace Rekindle.Core.Contacts;

/// <summary>
/// Tolerant readers for the JSON payloads of an <see cref="Events.EventMessage"/>. Shops send whatever
/// their platform produces (numbers as strings, ids as numbers, junk), and one bad value must never
/// stop an event from being applied, so every reader answers null instead of throwing.
/// </summary>
internal static class JsonRead
{
    /// <summary>Money above this is treated as malformed: it keeps price × quantity sums far from decimal overflow.</summary>
    public const decimal MaxMoney = 1_000_000_000_000m;

    private static readonly JsonElement EmptyObject = Parse("{}");

    /// <summary>The object the text holds, or an empty object when the text is not a JSON object.</summary>
    public static JsonElement ParseObject(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return EmptyObject;
        }

        try
        {
            var root = Parse(text);
            return root.ValueKind == JsonValueKind.Object ? root : EmptyObject;
        }
        catch (JsonException)
        {
            return EmptyObject;
        }
    }

    /// <summary>The named member of an object; <c>Undefined</c> when absent or when <paramref name="obj"/> is no object.</summary>
    public static JsonElement Member(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : default;

    /// <summary>A trimmed non-empty string; numbers are accepted too because ids are often sent as numbers.</summary>
    public static string? String(JsonElement obj, string name)
    {
        var value = Member(obj, name);
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>A non-negative amount from a JSON number or a numeric string ("19.99", invariant culture).</summary>
    public static decimal? Money(JsonElement obj, string name)
    {
        var amount = Decimal(Member(obj, name));
        return amount is >= 0 and <= MaxMoney ? amount : null;
    }

    /// <summary>A whole quantity (2, 2.0 or "2"); may be zero or negative, which callers treat as "nothing".</summary>
    public static int? Quantity(JsonElement obj, string name)
    {
        var value = Decimal(Member(obj, name));
        if (value is not { } q || q != decimal.Truncate(q) || q > int.MaxValue || q < int.MinValue)
        {
            return null;
        }

        return (int)q;
    }

    /// <summary>A JSON object member that is an array, or null.</summary>
    public static JsonElement? Array(JsonElement obj, string name)
    {
        var value = Member(obj, name);
        return value.ValueKind == JsonValueKind.Array ? value : null;
    }

    public static decimal? Decimal(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDecimal(out var number) ? number : null;
            case JsonValueKind.String:
                // No thousands separators: "1,299" means 1.299 in half the shops' locales.
                const NumberStyles styles = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite
                    | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
                return decimal.TryParse(value.GetString(), styles, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : null;
            default:
                return null;
        }
    }

    // Cloned out of the pooled document so elements stay valid after it is disposed (traits are kept).
    private static JsonElement Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
