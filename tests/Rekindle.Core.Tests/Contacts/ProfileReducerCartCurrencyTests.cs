using Rekindle.Core.Contacts;
using static Rekindle.Core.Tests.Contacts.Msg;

namespace Rekindle.Core.Tests.Contacts;

/// <summary>The cart's currency is the one its own events state, not the last order's.</summary>
public sealed class ProfileReducerCartCurrencyTests
{
    private const string Shoe = """{"product_id":"p-42","name":"Trail Running Shoe","price":89.95,"currency":"eur"}""";

    [Fact]
    public void Apply_ProductAddedWithCurrency_NoOrders_CartHasThatCurrency()
    {
        var profile = Run(Track("Product Added", Shoe, T0));

        Assert.Equal("EUR", profile.CartCurrency);
        Assert.Null(profile.Currency);
    }

    [Fact]
    public void Apply_ProductAddedAfterOrderInOtherCurrency_CartKeepsItsEventsCurrency()
    {
        var profile = Run(
            Track("Order Completed", """{"order_id":"o1","revenue":10,"currency":"GBP"}""", T0),
            Track("Product Added", Shoe, T0.AddDays(1)));

        Assert.Equal("EUR", profile.CartCurrency);
        Assert.Equal("GBP", profile.Currency);
    }

    [Fact]
    public void Apply_LaterProductAddedWithoutCurrency_KeepsCartCurrency()
    {
        var profile = Run(
            Track("Product Added", Shoe, T0),
            Track("Product Added", """{"product_id":"p-7","price":5}""", T0.AddMinutes(1)));

        Assert.Equal("EUR", profile.CartCurrency);
    }

    [Fact]
    public void Apply_LateProductAddedInOtherCurrency_DoesNotReplaceNewerCurrency()
    {
        var profile = Run(
            Track("Product Added", Shoe, T0.AddMinutes(5)),
            Track("Product Added", """{"product_id":"p-7","price":5,"currency":"USD"}""", T0));

        Assert.Equal(2, profile.Cart.Length);
        Assert.Equal("EUR", profile.CartCurrency);
    }

    [Fact]
    public void Apply_CheckoutStartedSnapshotWithCurrency_SetsCartCurrency()
    {
        var profile = Run(
            Track("Product Added", Shoe, T0),
            Track("Checkout Started", """{"currency":"SEK","products":[{"product_id":"p-42","price":999}]}""", T0.AddMinutes(1)));

        Assert.Equal("SEK", profile.CartCurrency);
    }

    [Fact]
    public void Apply_OrderCompleted_EmptiesCartAndItsCurrency()
    {
        var profile = Run(
            Track("Product Added", Shoe, T0),
            Track("Order Completed", """{"order_id":"o1","revenue":89.95,"currency":"EUR"}""", T0.AddMinutes(1)));

        Assert.Empty(profile.Cart);
        Assert.Null(profile.CartCurrency);
        Assert.Equal("EUR", profile.Currency);
    }

    [Fact]
    public void Merge_CartCurrency_ComesWithTheCart()
    {
        var survivor = Run(Profile("s"), Track("Product Added", """{"product_id":"a","price":1,"currency":"USD"}""", T0));
        var loser = Run(Profile("l"), Track("Product Added", Shoe, T0.AddMinutes(1)));

        var merged = ProfileReducer.Merge(survivor, loser);

        Assert.Equal("p-42", Assert.Single(merged.Cart).ProductId);
        Assert.Equal("EUR", merged.CartCurrency);
    }

    [Fact]
    public void Merge_BothHaveOrders_CurrencyOfTheLatestOrder()
    {
        var survivor = Run(Profile("s"), Track("Order Completed", """{"order_id":"o1","revenue":1,"currency":"USD"}""", T0));
        var loser = Run(Profile("l"), Track("Order Completed", """{"order_id":"o2","revenue":1,"currency":"EUR"}""", T0.AddDays(1)));

        Assert.Equal("EUR", ProfileReducer.Merge(survivor, loser).Currency);
        Assert.Equal("EUR", ProfileReducer.Merge(loser, survivor).Currency);
    }
}
