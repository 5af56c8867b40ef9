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

    /// <summary>
    /// The amount an order event states, by the precedence the profile and the orders table share: revenue
    /// (merchandise, before shipping and tax) → subtotal → total; null when it states none, and each caller
    /// falls back to summing its own reading of the products.
    /// </summary>
    internal static decimal? DeclaredOrderAmount(JsonElement props) =>
        JsonRead.Money(props, "revenue")
        ?? JsonRead.Money(props, "subtotal")
        ?? JsonRead.Money(props, "total");
}
