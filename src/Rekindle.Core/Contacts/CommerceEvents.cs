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
}
