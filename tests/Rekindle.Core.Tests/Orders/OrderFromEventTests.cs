using Rekindle.Core.Events;
using Rekindle.Core.Orders;
using static Rekindle.Core.Tests.Orders.Imports;

namespace Rekindle.Core.Tests.Orders;

public sealed class OrderFromEventTests
{
    // The Segment e-commerce v2 spec's own Order Completed example.
    private const string SpecOrder = """
        {"checkout_id":"fksdjfsdjfisjf9sdfjsd9f","order_id":"50314b8e9bcf000000000000","affiliation":"Google Store",
         "total":27.50,"subtotal":22.50,"revenue":25.00,"shipping":3,"tax":2,"discount":2.5,"coupon":"hasbros",
         "currency":"USD","products":[
           {"product_id":"507f1f77bcf86cd799439011","sku":"45790-32","name":"Monopoly: 3rd Edition","price":19,"quantity":1,"category":"Games"},
           {"product_id":"505bd76785ebb509fc183733","sku":"46493-32","name":"Uno Card Game","price":3,"quantity":2,"category":"Games"}]}
        """;

    private static readonly DateTimeOffset At = new(2024, 3, 2, 19, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Map_SpecExample_GivesOrderWithRevenueAsTotal()
    {
        var order = OrderFromEvent.Map(SpecOrder, "u-1", At, "Ann@Shop.com", "EUR");

        Assert.Equal(
            new Order("50314b8e9bcf000000000000", "u-1", "ann@shop.com", Utc(2024, 3, 2, 18, 0), "USD", 25.00m,
            [
                new OrderLine("507f1f77bcf86cd799439011", "45790-32", "Monopoly: 3rd Edition", 1, 19m, "Games"),
                new OrderLine("505bd76785ebb509fc183733", "46493-32", "Uno Card Game", 2, 3m, "Games"),
            ],
            "HASBROS"),
            order);
    }

    [Fact]
    public void Map_SamePurchaseAsImportedCsvRow_GivesTheSameOrder()
    {
        var imported = Run(GenericImportTests.DocsExample, OrderCsvFormat.Generic).Order("1002");
        var message = Track("""
            {"order_id":"1002","currency":"EUR","email":"bob@example.com",
             "products":[{"product_id":"p-7","sku":"SKU-7","name":"Water filter","category":"Kitchen","price":29.90,"quantity":3}]}
            """, userId: "c-42", at: new DateTimeOffset(2024, 3, 2, 18, 0, 0, TimeSpan.Zero));

        Assert.Equal(imported, OrderFromEvent.Map(message, "USD"));
    }

    [Theory]
    [InlineData("""{"order_id":"o","revenue":"10.5","subtotal":9,"total":12}""", "10.5")]
    [InlineData("""{"order_id":"o","subtotal":9,"total":12}""", "9")]
    [InlineData("""{"order_id":"o","total":12}""", "12")]
    [InlineData("""{"order_id":"o","products":[{"sku":"s","price":2.5,"quantity":2},{"product_id":"p","price":1}]}""", "6")]
    [InlineData("""{"order_id":"o"}""", "0")]
    public void Map_Amount_FollowsRevenueSubtotalTotalThenLines(string properties, string expected)
    {
        var order = OrderFromEvent.Map(properties, "u", At, null, "EUR");

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), order!.Total);
    }

    [Fact]
    public void Map_ProductsWithoutKeyOrQuantity_AreLeftOutAndDefaultsApply()
    {
        var order = OrderFromEvent.Map("""
            {"order_id":"o","revenue":5,"products":[
              {"name":"no key","price":1},
              {"product_id":"zero","quantity":0,"price":1},
              {"sku":"S1","quantity":"2","price":"junk"},
              {"product_id":"P2"}]}
            """, "u", At, null, "eur");

        Assert.Equal(
            [new OrderLine("S1", "S1", "", 2, 0m, null), new OrderLine("P2", null, "", 1, 0m, null)],
            order!.Lines.ToArray());
        Assert.Equal("EUR", order.Currency);
    }

    [Fact]
    public void Map_PropertiesWithoutOrderId_ReturnsNull()
    {
        Assert.Null(OrderFromEvent.Map("""{"revenue":5}""", "u", At, null, "EUR"));
    }

    [Fact]
    public void Map_MessageWithoutOrderIdOrUser_FallsBackToMessageIdAndAnonymousId()
    {
        var message = Track("""{"revenue":5}""", userId: null) with { AnonymousId = "anon-1" };

        var order = OrderFromEvent.Map(message, "EUR");

        Assert.Equal(("m-1", "anon-1", 5m), (order!.OrderId, order.CustomerId, order.Total));
    }

    [Fact]
    public void Map_MessageEmail_ComesFromPropertiesElseContextTraits()
    {
        var fromContext = Track("""{"order_id":"o"}""", userId: "u") with { Context = """{"traits":{"email":"Ann@Shop.com"}}""" };
        var fromProps = fromContext with { Properties = """{"order_id":"o","email":"bob@shop.com"}""" };

        Assert.Equal("ann@shop.com", OrderFromEvent.Map(fromContext, "EUR")!.Email);
        Assert.Equal("bob@shop.com", OrderFromEvent.Map(fromProps, "EUR")!.Email);
    }

    [Fact]
    public void Map_OtherEventOrNoCustomer_ReturnsNull()
    {
        Assert.Null(OrderFromEvent.Map(Track("""{"order_id":"o"}""", userId: "u") with { Event = "Order Refunded" }, "EUR"));
        Assert.Null(OrderFromEvent.Map(Track("""{"order_id":"o"}""", userId: null), "EUR"));
    }

    private static EventMessage Track(string properties, string? userId, DateTimeOffset? at = null) => new()
    {
        MessageId = "m-1",
        Type = MessageType.Track,
        Event = "Order Completed",
        UserId = userId,
        Properties = properties,
        Timestamp = at ?? At,
        ReceivedAt = at ?? At,
    };
}
