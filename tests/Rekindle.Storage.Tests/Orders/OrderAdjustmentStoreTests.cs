using Rekindle.Core.Intelligence.Rfm;
using Rekindle.Core.Orders;
using Rekindle.Storage.Orders;
using Rekindle.Storage.Scores;
using Rekindle.Storage.Tests.Database;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Orders;

/// <summary>Refunds and cancellations on the orders table, and what the scoring queries then count.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class OrderAdjustmentStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    private static Order Order(string id, decimal total, params string[] products) =>
        new(id, "u-1", null, T0, "EUR", total, [.. products.Select(p => new OrderLine(p, null, p, 1, total / products.Length, null))]);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Adjust_RefundsAddUpToTheTotalCancelStopsCounting_ScoringSeesNetOrders(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var orders = new OrderStore(backend.Database);
        await backend.Writer.WriteAsync(
        [
            OrderStore.Insert(Order("o-1", 100m, "a"), "c-1", T0),
            OrderStore.Insert(Order("o-2", 60m, "b"), "c-1", T0),
            OrderStore.Insert(Order("o-3", 40m, "c"), "c-1", T0),
            OrderStore.Insert(Order("o-4", 0m, "d"), "c-1", T0),
        ]);

        await backend.Writer.WriteAsync(
        [
            // o-1: 30 then 25 back → 45 net. o-2: 50 then 50 back → capped at 60, refunded in full, not counted.
            OrderStore.Adjust(new OrderAdjustment("o-1", OrderAdjustmentKind.Refund, 30m, T0.AddDays(1))),
            OrderStore.Adjust(new OrderAdjustment("o-1", OrderAdjustmentKind.Refund, 25m, T0.AddDays(2))),
            OrderStore.Adjust(new OrderAdjustment("o-2", OrderAdjustmentKind.Refund, 50m, T0.AddDays(1))),
            OrderStore.Adjust(new OrderAdjustment("o-2", OrderAdjustmentKind.Refund, 50m, T0.AddDays(2))),
            // o-3 cancelled twice: the first time counts. o-4 (a free order) still counts.
            OrderStore.Adjust(new OrderAdjustment("o-3", OrderAdjustmentKind.Cancel, null, T0.AddDays(3))),
            OrderStore.Adjust(new OrderAdjustment("o-3", OrderAdjustmentKind.Cancel, null, T0.AddDays(4))),
            OrderStore.Adjust(new OrderAdjustment("o-missing", OrderAdjustmentKind.Refund, null, T0.AddDays(4))),
        ]);

        var stored = (await orders.ForContactAsync("c-1", default)).OrderBy(o => o.OrderId, StringComparer.Ordinal)
            .Select(o => (o.OrderId, o.Refunded, o.CancelledAt)).ToList();
        Assert.Equal(
            [("o-1", 55m, null), ("o-2", 60m, null), ("o-3", 0m, T0.AddDays(3)), ("o-4", 0m, (DateTimeOffset?)null)],
            stored);
        Assert.Equal(new OrderTotals(2, 1, 45m), await orders.TotalsAsync(default));
        Assert.Equal(["a", "d"], (await orders.ProductsAsync("c-1", default)).SelectMany(o => o.ProductIds).Order(StringComparer.Ordinal));
        var rfm = Assert.Single(await new ScoreStore(backend.Database).RfmInputsAsync(new RfmWindow(T0.AddDays(-1), T0.AddDays(5)), default));
        Assert.Equal(new RfmInput("c-1", T0, 2, 45m), rfm);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Adjust_WholeOrderRefund_RefundsTheTotal(string provider)
    {
        await using var backend = await StorageBackend.CreateAsync(provider, postgres);
        var orders = new OrderStore(backend.Database);
        await backend.Writer.WriteAsync([OrderStore.Insert(Order("o-1", 19.99m, "a"), "c-1", T0)]);

        await backend.Writer.WriteAsync([OrderStore.Adjust(new OrderAdjustment("o-1", OrderAdjustmentKind.Refund, null, T0.AddDays(1)))]);

        Assert.Equal(19.99m, Assert.Single(await orders.ForContactAsync("c-1", default)).Refunded);
        Assert.Equal(new OrderTotals(0, 0, 0m), await orders.TotalsAsync(default));
    }
}
