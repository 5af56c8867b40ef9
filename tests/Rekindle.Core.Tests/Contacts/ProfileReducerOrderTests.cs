using Rekindle.Core.Contacts;
using static Rekindle.Core.Tests.Contacts.Msg;

namespace Rekindle.Core.Tests.Contacts;

public sealed class ProfileReducerOrderTests
{
    // The Segment v2 spec's own Order Completed example.
    private const string SpecOrder = """
        {"checkout_id":"fksdjfsdjfisjf9sdfjsd9f","order_id":"50314b8e9bcf000000000000","affiliation":"Google Store",
         "total":27.50,"subtotal":22.50,"revenue":25.00,"shipping":3,"tax":2,"discount":2.5,"coupon":"hasbros",
         "currency":"USD","products":[
           {"product_id":"507f1f77bcf86cd799439011","sku":"45790-32","name":"Monopoly: 3rd Edition","price":19,"quantity":1},
           {"product_id":"505bd76785ebb509fc183733","sku":"46493-32","name":"Uno Card Game","price":3,"quantity":2}]}
        """;

    [Fact]
    public void Apply_OrderCompleted_CountsOrderRevenueCurrencyDatesAndClearsCart()
    {
        var at = T0.AddMinutes(10);
        var profile = Run(Track("Product Added", """{"product_id":"p1"}""", T0), Track("Order Completed", SpecOrder, at));

        Assert.Equal(1, profile.Orders);
        Assert.Equal(25.00m, profile.Revenue);
        Assert.Equal("USD", profile.Currency);
        Assert.Equal(at, profile.FirstOrderAt);
        Assert.Equal(at, profile.LastOrderAt);
        Assert.Equal(["50314b8e9bcf000000000000"], profile.RecentOrderIds.ToArray());
        Assert.Empty(profile.Cart);
        Assert.Equal(at, profile.CartUpdatedAt);
        Assert.Equal(at, profile.LastEventAt["Order Completed"]);
    }

    [Fact]
    public void Apply_OrderCompletedTwiceWithSameOrderId_CountsOnce()
    {
        var profile = Run(Track("Order Completed", SpecOrder, T0), Track("Order Completed", SpecOrder, T0.AddMinutes(1)));

        Assert.Equal(1, profile.Orders);
        Assert.Equal(25m, profile.Revenue);
        Assert.Equal(T0, profile.LastOrderAt);
    }

    [Fact]
    public void Apply_OrdersWithoutOrderId_EachCount()
    {
        var profile = Run(Track("Order Completed", """{"revenue":5}""", T0), Track("Order Completed", """{"revenue":5}""", T0));

        Assert.Equal(2, profile.Orders);
        Assert.Equal(10m, profile.Revenue);
        Assert.Empty(profile.RecentOrderIds);
    }

    [Theory]
    [InlineData("""{"subtotal":22.5,"total":27.5}""", "22.5")]
    [InlineData("""{"total":"27.50"}""", "27.50")]
    [InlineData("""{"revenue":"abc","total":30}""", "30")]
    [InlineData("""{"revenue":-5,"products":[{"price":2,"quantity":3}]}""", "6")]
    [InlineData("""{"products":[{"price":19,"quantity":1},{"price":"3","quantity":2},{"price":4,"quantity":0},{"quantity":9}]}""", "25")]
    [InlineData("""{"revenue":1.5E1}""", "15")]
    [InlineData("""{"revenue":1E13}""", "0")]
    [InlineData("""{"currency":"eur"}""", "0")]
    public void Apply_OrderCompleted_AmountFollowsRevenueSubtotalTotalProducts(string properties, string expected)
    {
        var profile = Run(Track("Order Completed", properties, T0));

        Assert.Equal(1, profile.Orders);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), profile.Revenue);
    }

    [Fact]
    public void Apply_OrdersOutOfOrder_TakeMinMaxDatesAndLatestOrdersCurrency()
    {
        var profile = Run(
            Track("Order Completed", """{"order_id":"o2","revenue":10,"currency":"eur"}""", T0.AddDays(1)),
            Track("Order Completed", """{"order_id":"o1","revenue":20,"currency":"USD"}""", T0));

        Assert.Equal(2, profile.Orders);
        Assert.Equal(30m, profile.Revenue);
        Assert.Equal("EUR", profile.Currency);
        Assert.Equal(T0, profile.FirstOrderAt);
        Assert.Equal(T0.AddDays(1), profile.LastOrderAt);
        Assert.Equal(["o1", "o2"], profile.RecentOrderIds.ToArray());
    }

    [Fact]
    public void Apply_OrderOlderThanLastCartChange_DoesNotClearCart()
    {
        var profile = Run(
            Track("Product Added", """{"product_id":"p1"}""", T0.AddMinutes(10)),
            Track("Order Completed", """{"order_id":"o1"}""", T0));

        Assert.Equal("p1", Assert.Single(profile.Cart).ProductId);
        Assert.Equal(1, profile.Orders);
    }

    [Fact]
    public void Apply_MoreThan50Orders_KeepsNewest50OrderIds()
    {
        var orders = Enumerable.Range(0, 51)
            .Select(i => Track("Order Completed", $$"""{"order_id":"o{{i}}","revenue":1}""", T0.AddHours(i)))
            .ToArray();

        var profile = Run(orders);

        Assert.Equal(51, profile.Orders);
        Assert.Equal(50, profile.RecentOrderIds.Length);
        Assert.Equal("o50", profile.RecentOrderIds[0]);
        Assert.DoesNotContain("o0", profile.RecentOrderIds.ToArray());
    }

    [Fact]
    public void Apply_OrderRefunded_SubtractsSpecTotalButKeepsOrderCount()
    {
        var profile = Run(
            Track("Order Completed", """{"order_id":"o1","revenue":100}""", T0),
            Track("Order Refunded", """{"order_id":"o1","total":30,"currency":"USD"}""", T0.AddDays(1)));

        Assert.Equal(70m, profile.Revenue);
        Assert.Equal(1, profile.Orders);
        Assert.Equal(T0.AddDays(1), profile.LastEventAt["Order Refunded"]);
    }

    [Fact]
    public void Apply_FullRefundRepeatingOrderProperties_NetsToZero()
    {
        var profile = Run(Track("Order Completed", SpecOrder, T0), Track("Order Refunded", SpecOrder, T0.AddDays(1)));

        Assert.Equal(0m, profile.Revenue);
    }

    [Fact]
    public void Apply_RefundLargerThanRevenue_FloorsAtZero()
    {
        var profile = Run(
            Track("Order Completed", """{"revenue":10}""", T0),
            Track("Order Refunded", """{"products":[{"price":20,"quantity":1}]}""", T0.AddDays(1)));

        Assert.Equal(0m, profile.Revenue);
    }

    [Fact]
    public void Apply_RefundWithoutAmount_ChangesNothing()
    {
        var profile = Run(Track("Order Completed", """{"revenue":10}""", T0), Track("Order Refunded", """{"order_id":"o1","total":"n/a"}""", T0));

        Assert.Equal(10m, profile.Revenue);
    }

    [Fact]
    public void Apply_OrderCancelled_TakesTheOrderAndItsMoneyOut()
    {
        var profile = Run(
            Track("Order Completed", """{"order_id":"o1","revenue":100}""", T0),
            Track("Order Completed", """{"order_id":"o2","revenue":40}""", T0.AddHours(1)),
            Track("Order Cancelled", """{"order_id":"o1","revenue":100}""", T0.AddHours(2)));

        Assert.Equal((1, 40m), (profile.Orders, profile.Revenue));
    }

    [Fact]
    public void Apply_OrderCancelledForAnUnknownOrder_KeepsTheCountTakesTheStatedMoney()
    {
        var profile = Run(
            Track("Order Completed", """{"order_id":"o1","revenue":100}""", T0),
            Track("Order Cancelled", """{"order_id":"o-older","revenue":25}""", T0.AddHours(2)));

        Assert.Equal((1, 75m), (profile.Orders, profile.Revenue));
    }
}
