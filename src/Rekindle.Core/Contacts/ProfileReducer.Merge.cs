using System.Collections.Immutable;
using Rekindle.Core.Consent;

namespace Rekindle.Core.Contacts;

/// <remarks>
/// Merge rules: the survivor keeps its id and wins trait conflicts (it is the identified customer the shop
/// knows); behaviour and orders are combined, because both contacts were the same person all along. The
/// cart comes from whichever side changed it last: it is a state, not a sum. Each channel's consent is the loser's
/// only when it would have won as a change to the survivor's (<see cref="ConsentPrecedence"/>): later, and not a
/// weaker state replacing an unsubscribe or a suppression without an explicit opt-in.
/// Orders shared by both sides (the browser and the shop backend both reported one order before the
/// contacts were merged) are counted once; their revenue cannot be told apart and is summed.
/// </remarks>
public static partial class ProfileReducer
{
    public static ContactProfile Merge(ContactProfile survivor, ContactProfile loser)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(loser);

        var sharedOrders = survivor.RecentOrderIds.Intersect(loser.RecentOrderIds, StringComparer.Ordinal).Count();
        var survivorCartAt = Max(survivor.CartUpdatedAt, survivor.CartResetAt);
        var loserCartAt = Max(loser.CartUpdatedAt, loser.CartResetAt);
        var cartSource = loserCartAt is not null && (survivorCartAt is null || loserCartAt > survivorCartAt)
            ? loser
            : survivor;

        return survivor with
        {
            CreatedAt = survivor.CreatedAt <= loser.CreatedAt ? survivor.CreatedAt : loser.CreatedAt,
            UserId = survivor.UserId ?? loser.UserId,
            Email = survivor.Email ?? loser.Email,
            Phone = survivor.Phone ?? loser.Phone,
            Traits = loser.Traits.SetItems(survivor.Traits),
            Tags = survivor.Tags.Union(loser.Tags),
            Consent = MergeConsent(survivor.Consent, loser.Consent),
            FirstSeenAt = Min(survivor.FirstSeenAt, loser.FirstSeenAt),
            LastSeenAt = Max(survivor.LastSeenAt, loser.LastSeenAt),
            Visits = survivor.Visits + loser.Visits,
            PageViews = survivor.PageViews + loser.PageViews,
            ProductsViewed = survivor.ProductsViewed + loser.ProductsViewed,
            RecentlyViewed = MergeRecent(survivor, loser, CommerceEvents.ProductViewed, p => p.RecentlyViewed, RecentlyViewedCap),
            Cart = cartSource.Cart,
            CartUpdatedAt = cartSource.CartUpdatedAt,
            CartResetAt = cartSource.CartResetAt,
            CartCurrency = cartSource.CartCurrency,
            LastEventAt = MergeLastEventAt(survivor.LastEventAt, loser.LastEventAt),
            Orders = survivor.Orders + loser.Orders - sharedOrders,
            Revenue = survivor.Revenue + loser.Revenue,
            // The latest order's currency, whichever side placed it (not the survivor's by default).
            Currency = LatestOrderSide(survivor, loser).Currency ?? survivor.Currency ?? loser.Currency,
            FirstOrderAt = Min(survivor.FirstOrderAt, loser.FirstOrderAt),
            LastOrderAt = Max(survivor.LastOrderAt, loser.LastOrderAt),
            RecentOrderIds = MergeRecent(survivor, loser, CommerceEvents.OrderCompleted, p => p.RecentOrderIds, RecentOrderIdsCap),
        };
    }

    private static ContactProfile LatestOrderSide(ContactProfile survivor, ContactProfile loser) =>
        loser.LastOrderAt is { } loserAt && (survivor.LastOrderAt is null || loserAt > survivor.LastOrderAt) ? loser : survivor;

    private static ImmutableSortedDictionary<string, ChannelConsent> MergeConsent(
        ImmutableSortedDictionary<string, ChannelConsent> survivor,
        ImmutableSortedDictionary<string, ChannelConsent> loser)
    {
        var merged = survivor;
        foreach (var (channel, consent) in loser)
        {
            var own = survivor.TryGetValue(channel, out var o) ? o : null;
            if (own is null || (consent.UpdatedAt > own.UpdatedAt
                && ConsentPrecedence.Decide(own, consent.State, consent.UpdatedAt, consent.Source) == ConsentOutcome.Applied))
            {
                merged = merged.SetItem(channel, consent);
            }
        }

        return merged;
    }

    private static ImmutableSortedDictionary<string, DateTimeOffset> MergeLastEventAt(
        ImmutableSortedDictionary<string, DateTimeOffset> survivor,
        ImmutableSortedDictionary<string, DateTimeOffset> loser)
    {
        var merged = survivor;
        foreach (var (name, at) in loser)
        {
            merged = SetMax(merged, name, at);
        }

        return merged;
    }

    /// <summary>
    /// Newest-first lists cannot be interleaved without per-item times; the side whose matching event
    /// happened last is the better guess for "most recent", so its list goes first.
    /// </summary>
    private static ImmutableArray<string> MergeRecent(
        ContactProfile survivor,
        ContactProfile loser,
        string eventName,
        Func<ContactProfile, ImmutableArray<string>> list,
        int cap)
    {
        var survivorAt = survivor.LastEventAt.TryGetValue(eventName, out var sa) ? sa : (DateTimeOffset?)null;
        var loserAt = loser.LastEventAt.TryGetValue(eventName, out var la) ? la : (DateTimeOffset?)null;
        var loserFirst = loserAt is not null && (survivorAt is null || loserAt > survivorAt);
        var (first, second) = loserFirst ? (list(loser), list(survivor)) : (list(survivor), list(loser));
        return [.. first.Concat(second).Distinct(StringComparer.Ordinal).Take(cap)];
    }
}
