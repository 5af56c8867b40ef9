using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Consent;

namespace Rekindle.Core.Contacts;

/// <summary>
/// Everything Rekindle knows about one customer: personal data (traits), consent per channel,
/// behavioural aggregates and transactional aggregates. Immutable: the contact grain replaces it
/// with the result of <c>ProfileReducer</c> for every event it applies.
/// </summary>
public sealed record ContactProfile
{
    public required string Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? UserId { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    /// <summary>Identify traits merged over time (last write wins per key).</summary>
    public ImmutableSortedDictionary<string, JsonElement> Traits { get; init; } =
        ImmutableSortedDictionary<string, JsonElement>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Labels flows put on the contact (addTag / removeTag) and conditions ask about; ordinal, case-sensitive.</summary>
    public ImmutableSortedSet<string> Tags { get; init; } = ImmutableSortedSet<string>.Empty.WithComparer(StringComparer.Ordinal);

    /// <summary>Consent per channel (<see cref="ConsentChannels"/>); a channel with no entry is unknown.</summary>
    public ImmutableSortedDictionary<string, ChannelConsent> Consent { get; init; } =
        ImmutableSortedDictionary<string, ChannelConsent>.Empty.WithComparers(StringComparer.Ordinal);

    // Behaviour
    public DateTimeOffset? FirstSeenAt { get; init; }

    public DateTimeOffset? LastSeenAt { get; init; }

    /// <summary>Sessions: a page/screen/track after 30 minutes of silence starts a new visit.</summary>
    public int Visits { get; init; }

    public int PageViews { get; init; }

    /// <summary>Count of Product Viewed events.</summary>
    public int ProductsViewed { get; init; }

    /// <summary>The most recently viewed product ids, newest first, capped.</summary>
    public ImmutableArray<string> RecentlyViewed { get; init; } = [];

    public ImmutableArray<CartItem> Cart { get; init; } = [];

    public DateTimeOffset? CartUpdatedAt { get; init; }

    /// <summary>
    /// The currency the cart's own events (Product Added, Cart Viewed, Checkout Started) stated last; null while
    /// they stated none. Not <see cref="Currency"/>, which is the last order's: a shopper who never ordered has none.
    /// </summary>
    public string? CartCurrency { get; init; }

    /// <summary>
    /// When the cart was last replaced wholesale (a Cart Viewed/Checkout Started snapshot, or the clear
    /// after Order Completed). A Product Added/Removed older than this is already part of that snapshot
    /// and must not be applied again when it arrives late, or a bought item would reappear in the cart.
    /// </summary>
    public DateTimeOffset? CartResetAt { get; init; }

    /// <summary>When each track event name last occurred (by corrected timestamp).</summary>
    public ImmutableSortedDictionary<string, DateTimeOffset> LastEventAt { get; init; } =
        ImmutableSortedDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.Ordinal);

    // Transactions
    public int Orders { get; init; }

    /// <summary>Net revenue: completed orders less refunds.</summary>
    public decimal Revenue { get; init; }

    /// <summary>The currency of the latest order (by order time).</summary>
    public string? Currency { get; init; }

    public DateTimeOffset? FirstOrderAt { get; init; }

    public DateTimeOffset? LastOrderAt { get; init; }

    /// <summary>Order ids already counted, so a re-sent Order Completed is not counted twice.</summary>
    public ImmutableArray<string> RecentOrderIds { get; init; } = [];
}
