using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Consent;
using Rekindle.Core.Contacts;
using static Rekindle.Core.Tests.Contacts.Msg;

namespace Rekindle.Core.Tests.Contacts;

public sealed class ProfileReducerMergeTests
{
    private static readonly ConsentSource ByTrait = ConsentSource.Trait("email_consent");

    private static readonly CartItem LineA = new("a", null, "A", 1m, 1, null, null, null);
    private static readonly CartItem LineB = new("b", null, "B", 2m, 2, null, null, null);

    private static ImmutableSortedDictionary<string, TValue> Map<TValue>(params (string Key, TValue Value)[] items) =>
        items.ToImmutableSortedDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static ContactProfile Survivor() => new()
    {
        Id = "s",
        CreatedAt = T0.AddDays(5),
        UserId = "u1",
        Email = null,
        Phone = "+4711111111",
        Traits = Map(("plan", Json("\"pro\"")), ("city", Json("\"Oslo\""))),
        Consent = Map(
            ("email", new ChannelConsent(ConsentState.Subscribed, T0.AddDays(1), ByTrait)),
            ("sms", new ChannelConsent(ConsentState.Unsubscribed, T0.AddDays(3), ByTrait))),
        FirstSeenAt = T0.AddDays(5),
        LastSeenAt = T0.AddDays(9),
        Visits = 3,
        PageViews = 10,
        ProductsViewed = 4,
        RecentlyViewed = ["x", "y"],
        Cart = [LineA],
        CartUpdatedAt = T0.AddDays(2),
        LastEventAt = Map(("Product Viewed", T0.AddDays(6)), ("Signed Up", T0.AddDays(5))),
        Orders = 2,
        Revenue = 50m,
        Currency = null,
        FirstOrderAt = T0.AddDays(6),
        LastOrderAt = T0.AddDays(8),
        RecentOrderIds = ["o3", "o2"],
    };

    private static ContactProfile Loser() => new()
    {
        Id = "l",
        CreatedAt = T0,
        UserId = "u-ignored",
        Email = "ann@shop.com",
        Phone = "+4722222222",
        Traits = Map(("plan", Json("\"free\"")), ("source", Json("\"ads\""))),
        Consent = Map(
            ("email", new ChannelConsent(ConsentState.Unsubscribed, T0.AddDays(4), ByTrait)),
            ("sms", new ChannelConsent(ConsentState.Subscribed, T0.AddDays(2), ByTrait)),
            ("push", new ChannelConsent(ConsentState.Subscribed, T0, ByTrait))),
        FirstSeenAt = T0,
        LastSeenAt = T0.AddDays(4),
        Visits = 2,
        PageViews = 5,
        ProductsViewed = 6,
        RecentlyViewed = ["y", "z"],
        Cart = [LineB],
        CartUpdatedAt = T0.AddDays(3),
        LastEventAt = Map(("Product Viewed", T0.AddDays(7)), ("Signed Up", T0.AddDays(1)), ("Clicked", T0)),
        Orders = 3,
        Revenue = 30.5m,
        Currency = "EUR",
        FirstOrderAt = T0.AddDays(1),
        LastOrderAt = T0.AddDays(7),
        RecentOrderIds = ["o2", "o1"],
    };

    [Fact]
    public void Merge_IdentityFields_SurvivorsUnlessNull()
    {
        var merged = ProfileReducer.Merge(Survivor(), Loser());

        Assert.Equal("s", merged.Id);
        Assert.Equal(T0, merged.CreatedAt);
        Assert.Equal("u1", merged.UserId);
        Assert.Equal("ann@shop.com", merged.Email);
        Assert.Equal("+4711111111", merged.Phone);
        Assert.Equal("EUR", merged.Currency);
    }

    [Fact]
    public void Merge_Traits_UnionWithSurvivorWinningConflicts()
    {
        var merged = ProfileReducer.Merge(Survivor(), Loser());

        Assert.Equal(["city", "plan", "source"], merged.Traits.Keys);
        Assert.Equal("pro", merged.Traits["plan"].GetString());
        Assert.Equal("ads", merged.Traits["source"].GetString());
    }

    [Fact]
    public void Merge_Consent_MoreRecentPerChannel()
    {
        var merged = ProfileReducer.Merge(Survivor(), Loser());

        Assert.Equal(new ChannelConsent(ConsentState.Unsubscribed, T0.AddDays(4), ByTrait), merged.Consent["email"]);
        Assert.Equal(new ChannelConsent(ConsentState.Unsubscribed, T0.AddDays(3), ByTrait), merged.Consent["sms"]);
        Assert.Equal(new ChannelConsent(ConsentState.Subscribed, T0, ByTrait), merged.Consent["push"]);
    }

    [Fact]
    public void Merge_LoserLaterPendingAgainstSurvivorUnsubscribed_KeepsUnsubscribed()
    {
        var survivor = Survivor();
        var loser = Loser() with { Consent = Map(("sms", new ChannelConsent(ConsentState.Pending, T0.AddDays(6), ConsentSource.OptInRequested))) };

        var merged = ProfileReducer.Merge(survivor, loser);

        Assert.Equal(survivor.Consent["sms"], merged.Consent["sms"]);
    }

    [Fact]
    public void Merge_Behaviour_CombinesAggregates()
    {
        var merged = ProfileReducer.Merge(Survivor(), Loser());

        Assert.Equal(T0, merged.FirstSeenAt);
        Assert.Equal(T0.AddDays(9), merged.LastSeenAt);
        Assert.Equal(5, merged.Visits);
        Assert.Equal(15, merged.PageViews);
        Assert.Equal(10, merged.ProductsViewed);
        Assert.Equal(["y", "z", "x"], merged.RecentlyViewed.ToArray());
        Assert.Equal(
            Map(("Clicked", T0), ("Product Viewed", T0.AddDays(7)), ("Signed Up", T0.AddDays(5))),
            merged.LastEventAt);
    }

    [Fact]
    public void Merge_Orders_SumsAndCountsSharedOrderIdsOnce()
    {
        var merged = ProfileReducer.Merge(Survivor(), Loser());

        Assert.Equal(4, merged.Orders);
        Assert.Equal(80.5m, merged.Revenue);
        Assert.Equal(T0.AddDays(1), merged.FirstOrderAt);
        Assert.Equal(T0.AddDays(8), merged.LastOrderAt);
        Assert.Equal(["o3", "o2", "o1"], merged.RecentOrderIds.ToArray());
    }

    [Fact]
    public void Merge_Cart_TakesMoreRecentlyUpdatedCart()
    {
        var loserNewer = ProfileReducer.Merge(Survivor(), Loser());
        var survivorNewer = ProfileReducer.Merge(Survivor() with { CartResetAt = T0.AddDays(4) }, Loser());

        Assert.Equal([LineB], loserNewer.Cart.ToArray());
        Assert.Equal(T0.AddDays(3), loserNewer.CartUpdatedAt);
        Assert.Equal([LineA], survivorNewer.Cart.ToArray());
        Assert.Equal(T0.AddDays(2), survivorNewer.CartUpdatedAt);
    }

    [Fact]
    public void Merge_EmptyLoser_KeepsSurvivorValues()
    {
        var survivor = Survivor();
        var merged = ProfileReducer.Merge(survivor, Profile("empty") with { CreatedAt = T0.AddDays(10) });

        Assert.Equal(T0.AddDays(5), merged.CreatedAt);
        Assert.Equal([LineA], merged.Cart.ToArray());
        Assert.Equal(["x", "y"], merged.RecentlyViewed.ToArray());
        Assert.Equal(["o3", "o2"], merged.RecentOrderIds.ToArray());
        Assert.Equal((3, 10, 2, 50m), (merged.Visits, merged.PageViews, merged.Orders, merged.Revenue));
        Assert.Equal(T0.AddDays(5), merged.FirstSeenAt);
        Assert.Equal(2, merged.Consent.Count);
    }
}
