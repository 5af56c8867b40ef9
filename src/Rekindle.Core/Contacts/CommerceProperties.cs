using System.Globalization;
using System.Text.Json;
using Rekindle.Core.Events;

namespace Rekindle.Core.Contacts;

/// <summary>
/// The properties of the Segment e-commerce events that Rekindle reads (money, quantities, product ids, currency),
/// checked the way the profile and the orders table read them (<see cref="JsonRead"/>): whatever they would ignore is
/// reported, so the shop hears of it in the ingestion response instead of finding an empty cart later. A check never
/// refuses the message: a stored event is history, a refused one is lost (clients do not retry a 4xx).
/// </summary>
/// <remarks>
/// Numbers may come as numeric strings ("89.95", "2"): shops often send them so. They are read with the invariant
/// culture and without thousands separators ("1,299" is not a number: it means 1.299 in half the shops' locales).
/// </remarks>
public static class CommerceProperties
{
    private static readonly string[] AmountNames = ["revenue", "subtotal", "total"];
    private static readonly string[] KeyNames = ["product_id", "sku"];

    /// <summary>What the event's properties hold that will be ignored, with paths from "properties"; empty when all is usable.</summary>
    public static IReadOnlyList<FieldError> Check(EventMessage message)
    {
        if (message.Type != MessageType.Track || !IsCommerceEvent(message.Event))
        {
            return [];
        }

        // The parser made Properties: always a JSON object's text. Read in place, not cloned as JsonRead.ParseObject does.
        using var document = JsonDocument.Parse(message.Properties);
        var props = document.RootElement;
        var warnings = new List<FieldError>();
        switch (message.Event)
        {
            case CommerceEvents.ProductViewed:
                Product(props, "properties", requireKey: false, warnings);
                break;
            case CommerceEvents.ProductAdded or CommerceEvents.ProductRemoved:
                Product(props, "properties", requireKey: true, warnings);
                break;
            case CommerceEvents.CartViewed or CommerceEvents.CheckoutStarted:
                Amounts(props, allowNegative: false, warnings);
                Products(props, requireKey: true, warnings);
                break;
            case CommerceEvents.OrderCompleted:
                Amounts(props, allowNegative: false, warnings);
                Products(props, requireKey: false, warnings);
                break;
            default:
                // Refunds and cancellations: shops send the amount negative as often as positive; its size counts.
                Amounts(props, allowNegative: true, warnings);
                Products(props, requireKey: false, warnings);
                break;
        }

        Currency(props, warnings);
        return warnings;
    }

    private static bool IsCommerceEvent(string? name) =>
        CommerceEvents.IsCartEvent(name) || name is CommerceEvents.ProductViewed or CommerceEvents.OrderCompleted
            or CommerceEvents.OrderRefunded or CommerceEvents.OrderCancelled;

    private static void Amounts(JsonElement props, bool allowNegative, List<FieldError> warnings)
    {
        foreach (var name in AmountNames)
        {
            Money(props, name, "properties", allowNegative, warnings);
        }
    }

    private static void Products(JsonElement props, bool requireKey, List<FieldError> warnings)
    {
        var products = JsonRead.Member(props, "products");
        if (products.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return;
        }

        if (products.ValueKind != JsonValueKind.Array)
        {
            warnings.Add(new("properties.products", $"must be an array (got {Kind(products)})"));
            return;
        }

        int index = 0;
        foreach (var product in products.EnumerateArray())
        {
            var path = $"properties.products[{index++}]";
            if (product.ValueKind != JsonValueKind.Object)
            {
                warnings.Add(new(path, $"must be an object (got {Kind(product)})"));
                continue;
            }

            Product(product, path, requireKey, warnings);
        }
    }

    /// <summary>A product as a cart line or order line reads it.</summary>
    private static void Product(JsonElement product, string path, bool requireKey, List<FieldError> warnings)
    {
        bool hasKey = false;
        foreach (var name in KeyNames)
        {
            var value = JsonRead.Member(product, name);
            if (value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String or JsonValueKind.Number))
            {
                warnings.Add(new($"{path}.{name}", $"must be a string or number (got {Kind(value)})"));
            }

            hasKey |= JsonRead.String(product, name) is not null;
        }

        if (requireKey && !hasKey)
        {
            warnings.Add(new($"{path}.product_id", "is missing, and so is sku: the product cannot be put in the cart"));
        }

        Money(product, "price", path, allowNegative: false, warnings);
        Quantity(product, path, warnings);
    }

    private static void Money(JsonElement obj, string name, string path, bool allowNegative, List<FieldError> warnings)
    {
        var value = JsonRead.Member(obj, name);
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return;
        }

        var problem = JsonRead.Decimal(value) switch
        {
            null => NotANumber(value),
            < 0 when !allowNegative => "must not be negative",
            { } amount when Math.Abs(amount) > JsonRead.MaxMoney =>
                $"is larger than {JsonRead.MaxMoney.ToString("N0", CultureInfo.InvariantCulture)}",
            _ => null,
        };
        if (problem is not null)
        {
            warnings.Add(new($"{path}.{name}", problem));
        }
    }

    private static void Quantity(JsonElement product, string path, List<FieldError> warnings)
    {
        var value = JsonRead.Member(product, "quantity");
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return;
        }

        var problem = JsonRead.Decimal(value) switch
        {
            null => NotANumber(value),
            { } q when q != decimal.Truncate(q) => "must be a whole number",
            < 1 => "must be at least 1",
            > int.MaxValue => "is too large",
            _ => null,
        };
        if (problem is not null)
        {
            warnings.Add(new($"{path}.quantity", problem));
        }
    }

    private static void Currency(JsonElement props, List<FieldError> warnings)
    {
        var value = JsonRead.Member(props, "currency");
        var problem = value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.String when value.GetString() is { Length: 3 } code && code.All(char.IsAsciiLetter) => null,
            JsonValueKind.String => $"is not a three-letter currency code (ISO 4217): {JsonText.Quote(value.GetString())}",
            _ => $"must be a string (got {Kind(value)})",
        };
        if (problem is not null)
        {
            warnings.Add(new("properties.currency", problem));
        }
    }

    private static string NotANumber(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"is not a number: {JsonText.Quote(value.GetString())}",
        JsonValueKind.Number => $"is out of range: {value.GetRawText()}",
        _ => $"must be a number (got {Kind(value)})",
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
