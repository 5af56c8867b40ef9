using System.Text.Json;

namespace Rekindle.Core.Contacts;

/// <summary>Segment e-commerce v2 events (only the v2 names; v1 names are plain track events here).</summary>
public static class CommerceEvents
{
    public const string ProductViewed = "Product Viewed";
    public const string ProductAdded = "Product Added";
    public const string ProductRemoved = "Product Removed";
    public const string CartViewed = "Cart Viewed";
    public const string CheckoutStarted = "Checkout Started";
    public const string OrderCompleted = "Order Completed";
    public const string OrderRefunded = "Order Refunded";
    public const string OrderCancelled = "Order Cancelled";

    /// <summary>
    /// The events that change the cart (increments and snapshots). A flow triggered by one of them is about the cart:
    /// it starts only when the event leaves the cart with something in it, and sends nothing for an empty cart.
    /// </summary>
    public static bool IsCartEvent(string? name) =>
        name is ProductAdded or ProductRemoved or CartViewed or CheckoutStarted;

    /// <summary>
    /// The amount an order event states, by the precedence the profile and the orders table share: revenue
    /// (merchandise, before shipping and tax) → subtotal → total; null when it states none, and each caller
    /// falls back to summing its own reading of the products.
    /// </summary>
    internal static decimal? DeclaredOrderAmount(JsonElement props) =>
        JsonRead.Money(props, "revenue")
        ?? JsonRead.Money(props, "subtotal")
        ?? JsonRead.Money(props, "total");

    /// <summary>The declared amount, else the sum of price × quantity over the products; null when neither is there.</summary>
    internal static decimal? StatedOrderAmount(JsonElement props) => DeclaredOrderAmount(props) ?? ProductsTotal(props);

    private static decimal? ProductsTotal(JsonElement props)
    {
        if (JsonRead.Array(props, "products") is not { } products)
        {
            return null;
        }

        decimal? sum = null;
        foreach (var product in products.EnumerateArray())
        {
            var quantity = JsonRead.Quantity(product, "quantity") ?? 1;
            if (quantity > 0 && JsonRead.Money(product, "price") is { } price)
            {
                sum = (sum ?? 0m) + (price * quantity);
            }
        }

        return sum;
    }

    /// <summary>
    /// The refunded amount by the order amount's precedence (revenue → subtotal → total → products), as a magnitude:
    /// shops send refunds as negative amounts as often as positive ones. No amount field at all: null, the whole order.
    /// </summary>
    internal static bool TryReadRefund(JsonElement props, out decimal? amount)
    {
        amount = null;
        foreach (var name in (string[])["revenue", "subtotal", "total"])
        {
            var field = JsonRead.Member(props, name);
            if (field.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                continue;
            }

            amount = JsonRead.Decimal(field) is { } value ? Math.Abs(value) : null;
            return amount is not null;
        }

        if (JsonRead.Member(props, "products").ValueKind == JsonValueKind.Undefined)
        {
            return true;
        }

        amount = StatedOrderAmount(props);
        return amount is not null;
    }
}
