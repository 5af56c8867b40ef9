using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Catalog;
using Rekindle.Core.Contacts;
using Rekindle.Core.Coupons;
using Rekindle.Core.Templates;

namespace Rekindle.Core.Tests.Templates;

public sealed class TemplateModelTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ContactProfile Profile(string traitsJson) => new()
    {
        Id = "c1",
        CreatedAt = T0,
        UserId = "u1",
        Email = "ann@shop.com",
        Phone = "+4741122333",
        Traits = JsonDocument.Parse(traitsJson).RootElement.Clone().EnumerateObject()
            .ToImmutableSortedDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
        Orders = 3,
        Revenue = 120.50m,
        Currency = "EUR",
        FirstOrderAt = T0.AddDays(1),
        LastOrderAt = T0.AddDays(9),
    };

    private static IReadOnlyDictionary<string, object?> Section(IReadOnlyDictionary<string, object?> model, string name) =>
        Assert.IsType<Dictionary<string, object?>>(model[name]);

    [Fact]
    public void Build_Contact_ExposesSnakeCaseFields()
    {
        var contact = Section(TemplateModel.Build(Profile("""{"firstName":"Ann","last_name":"Lee"}""")), "contact");

        Assert.Equal("c1", contact["id"]);
        Assert.Equal("ann@shop.com", contact["email"]);
        Assert.Equal("+4741122333", contact["phone"]);
        Assert.Equal("u1", contact["user_id"]);
        Assert.Equal("Ann", contact["first_name"]);
        Assert.Equal("Lee", contact["last_name"]);
        Assert.Equal(3, contact["orders"]);
        Assert.Equal(120.50m, contact["revenue"]);
        Assert.Equal(T0, contact["created_at"]);
        Assert.Equal(T0.AddDays(1), contact["first_order_at"]);
        Assert.Equal(T0.AddDays(9), contact["last_order_at"]);
    }

    [Theory]
    [InlineData("""{"name":" Maria  de la Cruz "}""", "Maria", "de la Cruz")]
    [InlineData("""{"name":"Cher"}""", "Cher", null)]
    [InlineData("""{"first_name":"Ann","name":"Annabel Smith"}""", "Ann", "Smith")]
    [InlineData("""{"firstName":"  ","lastName":7}""", null, null)]
    [InlineData("{}", null, null)]
    public void Build_Names_FromNameTraitsOrSplitName(string traits, string? first, string? last)
    {
        var contact = Section(TemplateModel.Build(Profile(traits)), "contact");

        Assert.Equal(first, contact["first_name"]);
        Assert.Equal(last, contact["last_name"]);
    }

    [Fact]
    public void Build_Traits_ConvertsJsonToPlainValues()
    {
        var contact = Section(TemplateModel.Build(Profile("""
            {"plan":"pro","age":41,"score":9.5,"big":12345678901,"vip":true,"off":false,"gone":null,
             "address":{"city":"Oslo","zip":150},"tags":["a",2,{"k":"v"}],"birthday":"1984-05-01"}
            """)), "contact");
        var traits = Assert.IsType<Dictionary<string, object?>>(contact["traits"]);

        Assert.Equal("pro", traits["plan"]);
        Assert.Equal(41, traits["age"]);
        Assert.Equal(9.5m, traits["score"]);
        Assert.Equal(12345678901m, traits["big"]);
        Assert.Equal(true, traits["vip"]);
        Assert.Equal(false, traits["off"]);
        Assert.Null(traits["gone"]);
        Assert.Equal("1984-05-01", traits["birthday"]);
        var address = Assert.IsType<Dictionary<string, object?>>(traits["address"]);
        Assert.Equal("Oslo", address["city"]);
        Assert.Equal(150, address["zip"]);
        var tags = Assert.IsType<List<object?>>(traits["tags"]);
        Assert.Equal("a", tags[0]);
        Assert.Equal(2, tags[1]);
        Assert.Equal("v", Assert.IsType<Dictionary<string, object?>>(tags[2])["k"]);
    }

    [Fact]
    public void Build_Cart_ListsItemsWithLineTotalsAndSums()
    {
        var profile = Profile("{}") with
        {
            Cart =
            [
                new CartItem("p1", "S1", "Monopoly", 19.99m, 2, "Games", "https://shop.test/m.jpg", "https://shop.test/m"),
                new CartItem("p2", null, "Uno", 3m, 1, null, null, null),
            ],
            CartUpdatedAt = T0.AddHours(1),
        };

        var cart = Section(TemplateModel.Build(profile), "cart");
        var items = Assert.IsType<List<object?>>(cart["items"]);

        Assert.Equal(2, items.Count);
        var first = Assert.IsType<Dictionary<string, object?>>(items[0]);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["product_id"] = "p1",
                ["sku"] = "S1",
                ["name"] = "Monopoly",
                ["price"] = 19.99m,
                ["quantity"] = 2,
                ["line_total"] = 39.98m,
                ["category"] = "Games",
                ["image_url"] = "https://shop.test/m.jpg",
                ["url"] = "https://shop.test/m",
            },
            first);
        Assert.Equal(3m, Assert.IsType<Dictionary<string, object?>>(items[1])["line_total"]);
        Assert.Equal(3, cart["item_count"]);
        Assert.Equal(42.98m, cart["total"]);
        Assert.Equal("EUR", cart["currency"]);
        Assert.Equal(T0.AddHours(1), cart["updated_at"]);
    }

    [Fact]
    public void Build_EmptyCartAndNoCurrency_ZeroTotalsAndNullCurrency()
    {
        var cart = Section(TemplateModel.Build(Profile("{}") with { Currency = null }), "cart");

        Assert.Empty(Assert.IsType<List<object?>>(cart["items"]));
        Assert.Equal(0, cart["item_count"]);
        Assert.Equal(0m, cart["total"]);
        Assert.Null(cart["currency"]);
        Assert.Null(cart["updated_at"]);
    }

    [Fact]
    public void Build_WithCoupon_ExposesCodeValueAndExpiry()
    {
        var coupon = new IssuedCoupon("BACK-7KQ2-M9XD", "winback", "big-basket", CouponValue.AmountOff(15m, "GBP"), "c1", T0, T0.AddDays(14));

        var model = TemplateModel.Build(Profile("{}"), coupon);

        var section = Section(model, "coupon");
        Assert.Equal("BACK-7KQ2-M9XD", section["code"]);
        Assert.Equal("winback", section["campaign"]);
        Assert.Equal("big-basket", section["tier"]);
        Assert.Equal("15.00 GBP", section["value"]);
        Assert.Null(section["percent_off"]);
        Assert.Equal(15m, section["amount_off"]);
        Assert.Equal("GBP", section["currency"]);
        Assert.Equal(T0.AddDays(14), section["expires_at"]);
    }

    [Fact]
    public void Build_WithoutCouponOrRecommendations_HasNeitherSection()
    {
        var model = TemplateModel.Build(Profile("{}"));

        Assert.False(model.ContainsKey("coupon"));
        Assert.False(model.ContainsKey("recommendations"));
    }

    [Fact]
    public void Build_WithRecommendations_ListsThemInOrderWithCatalogueFields()
    {
        var model = TemplateModel.Build(Profile("{}"), recommendations:
        [
            new TemplateProduct("p-2", "Brass lamp", 89.95m, "EUR", "https://shop.example/p-2", null, "bought-together"),
            new TemplateProduct("p-9", null, null, null, null, null, "best-seller"),
        ]);

        var list = Assert.IsType<List<object?>>(model["recommendations"]);
        var first = Assert.IsType<Dictionary<string, object?>>(list[0]);
        Assert.Equal(("p-2", "Brass lamp", 89.95m, "EUR", "https://shop.example/p-2", (object?)null, "bought-together"),
            (first["product_id"], first["name"], first["price"], first["currency"], first["url"], first["image_url"], first["source"]));
        Assert.Equal(("p-9", (object?)null, "best-seller"), (Assert.IsType<Dictionary<string, object?>>(list[1])["product_id"], Assert.IsType<Dictionary<string, object?>>(list[1])["name"], Assert.IsType<Dictionary<string, object?>>(list[1])["source"]));
    }

    [Fact]
    public void Build_CartCurrencyFromCartEvents_WinsOverLastOrderCurrency()
    {
        var cart = Section(TemplateModel.Build(Profile("{}") with { CartCurrency = "SEK" }), "cart");

        Assert.Equal("SEK", cart["currency"]);
    }

    [Fact]
    public void Build_NoCartOrOrderCurrency_ShopDefaultCurrency()
    {
        var cart = Section(TemplateModel.Build(Profile("{}") with { Currency = null }, defaultCurrency: "GBP"), "cart");

        Assert.Equal("GBP", cart["currency"]);
    }

    [Fact]
    public void Build_CartLineMissingDetails_FilledFromCatalogueButStatedValuesKept()
    {
        var profile = Profile("{}") with
        {
            Cart =
            [
                new CartItem("p1", null, "", 0m, 2, null, null, null),
                new CartItem("p2", null, "Own name", 4m, 1, null, null, "https://shop.test/own"),
            ],
        };
        var catalog = new ProductCatalog(
        [
            new CatalogProduct("p1", "Brass lamp", "Lighting", 19.99m, "EUR", true, "https://shop.test/p1", "https://cdn.test/p1.jpg"),
            new CatalogProduct("p2", "Catalogue name", null, 9m, "EUR", true, "https://shop.test/p2", "https://cdn.test/p2.jpg"),
        ]);

        var cart = Section(TemplateModel.Build(profile, catalog: catalog), "cart");

        var items = Assert.IsType<List<object?>>(cart["items"]).Cast<Dictionary<string, object?>>().ToList();
        Assert.Equal(("Brass lamp", 19.99m, 39.98m, "Lighting", "https://shop.test/p1", "https://cdn.test/p1.jpg"),
            (items[0]["name"], items[0]["price"], items[0]["line_total"], items[0]["category"], items[0]["url"], items[0]["image_url"]));
        Assert.Equal(("Own name", 4m, "https://shop.test/own", "https://cdn.test/p2.jpg"),
            (items[1]["name"], items[1]["price"], items[1]["url"], items[1]["image_url"]));
        Assert.Equal(43.98m, cart["total"]);
    }
}
