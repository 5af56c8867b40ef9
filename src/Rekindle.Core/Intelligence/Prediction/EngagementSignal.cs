namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// What a marketing platform sees of a customer that order data does not; each counts active days (a day with
/// ten product views is one product-view day), so a chatty tracker does not outweigh a quiet one.
/// </summary>
public enum EngagementSignal
{
    /// <summary>A day with any page view or screen.</summary>
    Visit,

    /// <summary>A day with a "Product Viewed".</summary>
    ProductView,

    /// <summary>A day with a cart event ("Product Added", "Cart Viewed", "Checkout Started").</summary>
    Cart,

    /// <summary>A day with an "Email Opened".</summary>
    EmailOpen,

    /// <summary>A day with an "Email Link Clicked".</summary>
    EmailClick,
}

/// <summary>Which stored events are which <see cref="EngagementSignal"/>.</summary>
public static class EngagementSignals
{
    /// <summary>The page/screen calls that count as visits.</summary>
    public static IReadOnlyList<string> VisitTypes { get; } = ["page", "screen"];

    /// <summary>The track events that count, by name.</summary>
    public static IReadOnlyDictionary<string, EngagementSignal> Events { get; } = new Dictionary<string, EngagementSignal>(StringComparer.Ordinal)
    {
        ["Product Viewed"] = EngagementSignal.ProductView,
        ["Product Added"] = EngagementSignal.Cart,
        ["Cart Viewed"] = EngagementSignal.Cart,
        ["Checkout Started"] = EngagementSignal.Cart,
        ["Email Opened"] = EngagementSignal.EmailOpen,
        ["Email Link Clicked"] = EngagementSignal.EmailClick,
    };

    /// <summary>The signal of a stored event (its call type and, for a track call, its name), or null when it is none.</summary>
    public static EngagementSignal? Of(string type, string? eventName) =>
        VisitTypes.Contains(type) ? EngagementSignal.Visit
        : type == "track" && eventName is not null && Events.TryGetValue(eventName, out var signal) ? signal
        : null;
}
