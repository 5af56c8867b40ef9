using Rekindle.Core.Coupons;
using Rekindle.Core.Orders;
using Rekindle.Storage.Coupons;
using Rekindle.Storage.Orders;
using Rekindle.Storage.Tests.Database;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Coupons;

[Collection(PostgresFixture.Collection)]
public sealed class CouponStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static CouponCampaign Campaign(string json) => CouponCampaignParser.Parse(json).Campaign!;

    private static readonly CouponCampaign Pattern = Campaign("""
        {"id":"winback","name":"Win-back","codes":"pattern","pattern":"BACK-******","validFor":"14d",
         "tiers":[{"name":"vip","when":{"rfmSegments":["Champions"]},"percentOff":20},{"name":"standard","amountOff":5.5,"currency":"GBP"}]}
        """);

    private static readonly CouponCampaign Pool = Campaign("""
        {"id":"welcome","name":"Welcome","codes":"pool","validFor":"2d","tiers":[{"name":"all","percentOff":10}]}
        """);

    /// <summary>Scripted draws: each call to the source returns the next index.</summary>
    private static Func<int, int> Draws(params int[] indices)
    {
        var queue = new Queue<int>(indices);
        return _ => queue.Dequeue();
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Issue_Pattern_StoresTheCodeAndTheSameKeyGetsItAgain(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CouponStore(backend.Database);
        var tier = Pattern.Tiers[1];

        var first = await store.IssueAsync(Pattern, tier, "c-1", "journey-1", T0, Draws(0, 1, 2, 3, 4, 5), default);
        var again = await store.IssueAsync(Pattern, tier, "c-1", "journey-1", T0.AddHours(1), Draws(6, 6, 6, 6, 6, 6), default);

        var expected = new IssuedCoupon("BACK-ABCDEF", "winback", "standard", CouponValue.AmountOff(5.5m, "GBP"), "c-1", T0, T0.AddDays(14));
        Assert.Equal(expected, first);
        Assert.Equal(expected, again);
        var stored = await store.FindAsync("BACK-ABCDEF", default);
        Assert.Equal(new StoredCoupon("BACK-ABCDEF", "winback", "standard", CouponValue.AmountOff(5.5m, "GBP"), "c-1", T0, T0.AddDays(14), null, null), stored);
        Assert.Equal("issued", stored!.Status(T0.AddDays(13)));
        Assert.Equal("expired", stored.Status(T0.AddDays(14)));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Issue_PatternCollision_DrawsAgain(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CouponStore(backend.Database);

        var first = await store.IssueAsync(Pattern, Pattern.Tiers[0], "c-1", "k-1", T0, Draws(0, 0, 0, 0, 0, 0), default);
        // The second journey's first draw repeats the first code; the second draw is used.
        var second = await store.IssueAsync(Pattern, Pattern.Tiers[0], "c-2", "k-2", T0, Draws(0, 0, 0, 0, 0, 0, 31, 31, 31, 31, 31, 31), default);

        Assert.Equal("BACK-AAAAAA", first!.Code);
        Assert.Equal("BACK-999999", second!.Code);
        Assert.Equal("c-2", second.ContactId);
        Assert.Equal(CouponValue.PercentOff(20m), second.Value);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Issue_Pool_HandsOutEachCodeOnceThenReportsEmpty(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CouponStore(backend.Database);
        var tier = Pool.Tiers[0];

        var upload = await store.AddPoolCodesAsync("welcome", "all", ["W-2", "W-1"], T0, default);
        var again = await store.AddPoolCodesAsync("welcome", "all", ["W-1", "W-3"], T0, default);
        var a = await store.IssueAsync(Pool, tier, "c-1", "k-1", T0, Draws(), default);
        var b = await store.IssueAsync(Pool, tier, "c-2", "k-2", T0, Draws(), default);
        var aAgain = await store.IssueAsync(Pool, tier, "c-1", "k-1", T0, Draws(), default);
        var c = await store.IssueAsync(Pool, tier, "c-3", "k-3", T0, Draws(), default);
        var none = await store.IssueAsync(Pool, tier, "c-4", "k-4", T0, Draws(), default);

        Assert.Equal(new PoolUpload(2, 0), upload);
        Assert.Equal(new PoolUpload(1, 1), again);
        Assert.Equal(("W-1", "c-1"), (a!.Code, a.ContactId));
        Assert.Equal(("W-2", "c-2"), (b!.Code, b.ContactId));
        Assert.Equal(a, aAgain);
        Assert.Equal("W-3", c!.Code);
        Assert.Null(none);
        Assert.Equal(T0.AddDays(2), a.ExpiresAt);
        Assert.Equal([new CouponTierStats("all", 0, 3, 0, 0m)], await store.StatsAsync("welcome", default));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Redeem_FirstOrderCounts_AndStatsCreditItsRevenue(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CouponStore(backend.Database);
        await store.AddPoolCodesAsync("welcome", "all", ["W-1", "W-2"], T0, default);
        await store.IssueAsync(Pool, Pool.Tiers[0], "c-1", "k-1", T0, Draws(), default);
        var order = new Order("o-1", "u-1", null, T0.AddDays(1), "GBP", 42.50m, [], "W-1");

        await backend.Writer.WriteAsync([OrderStore.Insert(order, "c-1", T0.AddDays(1)), CouponStore.Redeem("W-1", "o-1", T0.AddDays(1))]);
        await backend.Writer.WriteAsync([CouponStore.Redeem("W-1", "o-2", T0.AddDays(3))]);

        var stored = await store.FindAsync("W-1", default);
        Assert.Equal((T0.AddDays(1), "o-1"), (stored!.RedeemedAt, stored.OrderId));
        Assert.Equal("redeemed", stored.Status(T0.AddDays(30)));
        Assert.Equal([new CouponTierStats("all", 1, 1, 1, 42.50m)], await store.StatsAsync("welcome", default));
        Assert.Equal(["W-1"], (await store.ForContactAsync("c-1", default)).Select(c => c.Code));
        Assert.Equal("available", (await store.FindAsync("W-2", default))!.Status(T0));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SaveCampaign_CreatesThenReplaces(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CouponStore(backend.Database);

        Assert.True(await store.SaveCampaignAsync("welcome", """{"id":"welcome","v":1}""", T0, default));
        Assert.False(await store.SaveCampaignAsync("welcome", """{"id":"welcome","v":2}""", T0.AddHours(1), default));

        var stored = await store.FindCampaignAsync("welcome", default);
        Assert.Equal(("welcome", T0, T0.AddHours(1)), (stored!.Id, stored.CreatedAt, stored.UpdatedAt));
        Assert.Contains("\"v\":2", stored.Definition.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Single(await store.ListCampaignsAsync(default));
        Assert.Null(await store.FindCampaignAsync("other", default));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Issue_PoolFromManyCallersAtOnce_EveryCodeToOneContact(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var store = new CouponStore(backend.Database);
        var codes = Enumerable.Range(0, 20).Select(i => $"P-{i:00}").ToList();
        await store.AddPoolCodesAsync("welcome", "all", codes, T0, default);

        var issued = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Task.Run(() => store.IssueAsync(Pool, Pool.Tiers[0], $"c-{i}", $"k-{i}", T0, Draws(), default))));

        var given = issued.Where(c => c is not null).Select(c => c!.Code).ToList();
        Assert.Equal(codes, given.Order(StringComparer.Ordinal));
        Assert.Equal(4, issued.Count(c => c is null));
        Assert.Equal(20, issued.Where(c => c is not null).Select(c => c!.ContactId).Distinct().Count());
    }
}
