using Rekindle.Engine.Tests.Infrastructure;
using Rekindle.Storage.Orders;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Orders;

/// <summary>Refund and cancel events reach the stored orders through the contact's grain, beside the profile.</summary>
public sealed class OrderAdjustmentTests() : EngineTest(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), [])
{
    [Fact]
    public async Task RefundThenCancel_OrdersTableAndProfileAgree()
    {
        var at = Clock.GetUtcNow();
        await Engine.ApplyAsync(
            Track("anon-1", "Order Completed", at, new { order_id = "o-1", revenue = 80m, currency = "EUR" }, userId: "u-1"),
            Track("anon-1", "Order Completed", at, new { order_id = "o-2", revenue = 20m, currency = "EUR" }, userId: "u-1"));
        await Engine.ApplyAsync(
            Track("anon-1", "Order Refunded", at.AddDays(1), new { order_id = "o-1", total = -30m }, userId: "u-1"),
            Track("anon-1", "Order Cancelled", at.AddDays(1), new { order_id = "o-2", revenue = 20m }, userId: "u-1"));

        var contact = await Engine.Contacts.LookupAsync("user_id", "u-1", CancellationToken.None);
        var orders = await Engine.Get<OrderStore>().ForContactAsync(contact!, CancellationToken.None);
        Assert.Equal(
            [("o-1", 30m, (DateTimeOffset?)null), ("o-2", 0m, at.AddDays(1))],
            orders.OrderBy(o => o.OrderId, StringComparer.Ordinal).Select(o => (o.OrderId, o.Refunded, o.CancelledAt)));
        Assert.Equal(new OrderTotals(1, 1, 50m), await Engine.Get<OrderStore>().TotalsAsync(CancellationToken.None));
        var profile = (await Engine.Contacts.FindAsync(contact!, CancellationToken.None))!.Profile;
        Assert.Equal((1, 50m), (profile.Orders, profile.Revenue));
    }
}
