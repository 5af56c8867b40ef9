using Rekindle.Core.Contacts;
using static Rekindle.Core.Tests.Contacts.Msg;

namespace Rekindle.Core.Tests.Contacts;

public sealed class ProfileReducerCartTests
{
    private const string Monopoly = """
        {"product_id":"507f1f","sku":"G-32","name":"Monopoly","price":"19.99","category":"Games",
         "image_url":"https://shop.test/m.jpg","url":"https://shop.test/m"}
        """;

    private static readonly CartItem MonopolyLine = new(
        "507f1f", "G-32", "Monopoly", 19.99m, 1, "Games", "https://shop.test/m.jpg", "https://shop.test/m");

    [Fact]
    public void Apply_ProductAdded_AddsLineWithDefaultQuantityOne()
    {
        var profile = Run(Track("Product Added", Monopoly, T0));

        Assert.Equal([MonopolyLine], profile.Cart.ToArray());
        Assert.Equal(T0, profile.CartUpdatedAt);
        Assert.Null(profile.CartResetAt);
    }

    [Fact]
    public void Apply_ProductAddedAgain_IncreasesQuantityAndTakesNewestDetails()
    {
        var profile = Run(
            Track("Product Added", Monopoly, T0),
            Track("Product Added", """{"product_id":"507f1f","quantity":2,"price":17.5,"name":"Monopoly Deluxe"}""", T0.AddMinutes(1)));

        var expected = MonopolyLine with { Quantity = 3, Price = 17.5m, Name = "Monopoly Deluxe" };
        Assert.Equal([expected], profile.Cart.ToArray());
        Assert.Equal(T0.AddMinutes(1), profile.CartUpdatedAt);
    }

    [Fact]
    public void Apply_ProductAddedWithoutProductId_KeysLineBySku()
    {
        var profile = Run(
            Track("Product Added", """{"sku":"S-1","price":5}""", T0),
            Track("Product Added", """{"sku":"S-1","quantity":"2"}""", T0.AddMinutes(1)));

        Assert.Equal([new CartItem("S-1", "S-1", "", 5m, 3, null, null, null)], profile.Cart.ToArray());
    }

    [Fact]
    public void Apply_ProductAddedWithoutAnyId_IsIgnored()
    {
        var profile = Run(Track("Product Added", """{"name":"Mystery","price":1}""", T0));

        Assert.Empty(profile.Cart);
        Assert.Null(profile.CartUpdatedAt);
    }

    [Fact]
    public void Apply_ProductAddedWithMalformedValues_UsesDefaults()
    {
        var profile = Run(Track("Product Added", """{"product_id":42,"price":"19,99","quantity":"two","name":{"x":1}}""", T0));

        Assert.Equal([new CartItem("42", null, "", 0m, 1, null, null, null)], profile.Cart.ToArray());
    }

    [Fact]
    public void Apply_ProductAddedWithZeroQuantity_ChangesNothing()
    {
        var profile = Run(Track("Product Added", """{"product_id":"p1","quantity":0}""", T0));

        Assert.Empty(profile.Cart);
    }

    [Fact]
    public void Apply_ProductRemovedWithQuantity_DecreasesLine()
    {
        var profile = Run(
            Track("Product Added", """{"product_id":"p1","quantity":3,"price":2}""", T0),
            Track("Product Removed", """{"product_id":"p1","quantity":2}""", T0.AddMinutes(1)));

        Assert.Equal(1, Assert.Single(profile.Cart).Quantity);
        Assert.Equal(T0.AddMinutes(1), profile.CartUpdatedAt);
    }

    [Fact]
    public void Apply_ProductRemovedWithoutQuantityOrWithAll_RemovesLine()
    {
        var profile = Run(
            Track("Product Added", """{"product_id":"p1","quantity":3}""", T0),
            Track("Product Added", """{"product_id":"p2","sku":"S2"}""", T0),
            Track("Product Removed", """{"product_id":"p1","quantity":5}""", T0.AddMinutes(1)),
            Track("Product Removed", """{"sku":"S2"}""", T0.AddMinutes(2)));

        Assert.Empty(profile.Cart);
        Assert.Equal(T0.AddMinutes(2), profile.CartUpdatedAt);
    }

    [Fact]
    public void Apply_ProductRemovedForUnknownProduct_LeavesCartAndTimeUnchanged()
    {
        var profile = Run(
            Track("Product Added", """{"product_id":"p1"}""", T0),
            Track("Product Removed", """{"product_id":"p9"}""", T0.AddMinutes(1)));

        Assert.Equal("p1", Assert.Single(profile.Cart).ProductId);
        Assert.Equal(T0, profile.CartUpdatedAt);
    }

    [Theory]
    [InlineData("Cart Viewed")]
    [InlineData("Checkout Started")]
    public void Apply_SnapshotWithProducts_ReplacesCart(string eventName)
    {
        var profile = Run(
            Track("Product Added", """{"product_id":"old"}""", T0),
            Track(eventName, """
                {"products":[{"product_id":"a","price":3,"quantity":2},{"sku":"b","price":"1.50"},
                             {"product_id":"a","quantity":1},{"name":"no id"},{"product_id":"z","quantity":0},7]}
                """, T0.AddMinutes(1)));

        Assert.Equal(
            [new CartItem("a", null, "", 3m, 3, null, null, null), new CartItem("b", "b", "", 1.50m, 1, null, null, null)],
            profile.Cart.ToArray());
        Assert.Equal(T0.AddMinutes(1), profile.CartUpdatedAt);
        Assert.Equal(T0.AddMinutes(1), profile.CartResetAt);
    }

    [Fact]
    public void Apply_SnapshotWithEmptyProducts_EmptiesCart()
    {
        var profile = Run(Track("Product Added", """{"product_id":"p1"}""", T0), Track("Cart Viewed", """{"products":[]}""", T0.AddMinutes(1)));

        Assert.Empty(profile.Cart);
        Assert.Equal(T0.AddMinutes(1), profile.CartUpdatedAt);
    }

    [Fact]
    public void Apply_SnapshotWithoutProducts_LeavesCartAlone()
    {
        var profile = Run(Track("Product Added", """{"product_id":"p1"}""", T0), Track("Checkout Started", """{"order_id":"o1"}""", T0.AddMinutes(1)));

        Assert.Equal("p1", Assert.Single(profile.Cart).ProductId);
        Assert.Null(profile.CartResetAt);
    }

    [Fact]
    public void Apply_SnapshotEqualToCart_RecordsResetButNotUpdate()
    {
        var profile = Run(
            Track("Product Added", """{"product_id":"p1"}""", T0),
            Track("Cart Viewed", """{"products":[{"product_id":"p1"}]}""", T0.AddMinutes(1)));

        Assert.Equal(T0, profile.CartUpdatedAt);
        Assert.Equal(T0.AddMinutes(1), profile.CartResetAt);
    }

    [Fact]
    public void Apply_SnapshotOlderThanLastCartChange_IsIgnored()
    {
        var profile = Run(
            Track("Product Added", """{"product_id":"new"}""", T0.AddMinutes(10)),
            Track("Cart Viewed", """{"products":[{"product_id":"stale"}]}""", T0));

        Assert.Equal("new", Assert.Single(profile.Cart).ProductId);
        Assert.Null(profile.CartResetAt);
    }

    [Fact]
    public void Apply_ProductAddedOlderThanOrderClear_IsIgnored()
    {
        var profile = Run(
            Track("Product Added", """{"product_id":"p1"}""", T0),
            Track("Order Completed", """{"order_id":"o1","revenue":10}""", T0.AddMinutes(5)),
            Track("Product Added", """{"product_id":"p2"}""", T0.AddMinutes(2)));

        Assert.Empty(profile.Cart);
        Assert.Equal(T0.AddMinutes(5), profile.CartUpdatedAt);
        Assert.Equal(T0.AddMinutes(2), profile.LastEventAt["Product Added"]);
    }

    [Fact]
    public void Apply_ProductViewed_CountsAndKeepsDistinctNewestFirst()
    {
        var profile = Run(
            Track("Product Viewed", """{"product_id":"a"}""", T0),
            Track("Product Viewed", """{"sku":"b"}""", T0.AddMinutes(1)),
            Track("Product Viewed", """{"product_id":"a"}""", T0.AddMinutes(2)),
            Track("Product Viewed", """{"name":"no id"}""", T0.AddMinutes(3)));

        Assert.Equal(4, profile.ProductsViewed);
        Assert.Equal(["a", "b"], profile.RecentlyViewed.ToArray());
    }

    [Fact]
    public void Apply_MoreThan20ProductsViewed_KeepsNewest20()
    {
        var views = Enumerable.Range(0, 25)
            .Select(i => Track("Product Viewed", $$"""{"product_id":"p{{i}}"}""", T0.AddMinutes(i)))
            .ToArray();

        var profile = Run(views);

        Assert.Equal(25, profile.ProductsViewed);
        Assert.Equal(Enumerable.Range(5, 20).Reverse().Select(i => $"p{i}"), profile.RecentlyViewed.ToArray());
    }

    [Fact]
    public void Apply_LateProductView_GoesLastNotFirst()
    {
        var profile = Run(
            Track("Product Viewed", """{"product_id":"a"}""", T0.AddMinutes(5)),
            Track("Product Viewed", """{"product_id":"old"}""", T0),
            Track("Product Viewed", """{"product_id":"a"}""", T0.AddMinutes(1)));

        Assert.Equal(["a", "old"], profile.RecentlyViewed.ToArray());
    }
}
