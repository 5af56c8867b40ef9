using Rekindle.Core.Catalog;
using Rekindle.Core.Intelligence.Recommendations;

namespace Rekindle.Core.Tests.Intelligence.Recommendations;

public sealed class ProductCodesTests
{
    [Theory]
    // Online Retail's non-product lines, by their names.
    [InlineData("POST", "POSTAGE", 18.0)]
    [InlineData("DOT", "DOTCOM POSTAGE", 1599.26)]
    [InlineData("C2", "CARRIAGE", 50.0)]
    [InlineData("23444", "Next Day Carriage", 15.0)]
    [InlineData("23574", "PACKING CHARGE", 7.5)]
    [InlineData("BANK CHARGES", "Bank Charges", 15.0)]
    [InlineData("AMAZONFEE", "AMAZON FEE", 5.0)]
    [InlineData("CRUK", "CRUK Commission", 1.6)]
    [InlineData("D", "Discount", 5.0)]
    [InlineData("S", "SAMPLES", 5.0)]
    [InlineData("M", "Manual", 0.42)]
    [InlineData("B", "Adjust bad debt", 11062.06)]
    [InlineData("PADS", "PADS TO MATCH ALL CUSHIONS", 0.001)]
    // A shop's own codes, without a name.
    [InlineData("shipping", null, null)]
    [InlineData("gift-wrap-fee", null, null)]
    [InlineData("free-sample", "", 0.0)]
    public void IsBookkeeping_PostageFeesDiscountsSamplesAdjustments_True(string id, string? name, double? price) =>
        Assert.True(ProductCodes.IsBookkeeping(id, name, (decimal?)price));

    [Theory]
    // Real products whose names hold one of the words, but not as what the product is.
    [InlineData("85168B", "BLACK BAROQUE CARRIAGE CLOCK", 4.25)]
    [InlineData("23099", "FRENCH CARRIAGE LANTERN", 4.95)]
    [InlineData("21769", "VINTAGE POST OFFICE CABINET", 79.95)]
    [InlineData("21459", "YELLOW EASTER EGG HUNT START POST", 1.95)]
    [InlineData("22423", "REGENCY CAKESTAND 3 TIER", 12.75)]
    [InlineData("84879", "ASSORTED COLOUR BIRD ORNAMENT", 1.69)]
    [InlineData("m-42", "Manual coffee grinder", 30.0)]
    [InlineData("p-1", null, null)]
    [InlineData("p-2", "Cheap", 0.01)]
    public void IsBookkeeping_Products_False(string id, string? name, double? price) =>
        Assert.False(ProductCodes.IsBookkeeping(id, name, (decimal?)price));

    [Fact]
    public void RecommendableProducts_ListedIdsAndBookkeepingByCatalogueName_AreNotProducts()
    {
        var catalog = new ProductCatalog(
        [
            new CatalogProduct("x1", "Express delivery", null, 9m, "EUR", true, null, null),
            new CatalogProduct("x2", "Brass lamp", null, 19m, "EUR", true, null, null),
        ]);

        var products = new RecommendableProducts(catalog, ["SHIP1"]);

        Assert.Equal((false, true, false, true), (products.IsProduct("x1"), products.IsProduct("x2"), products.IsProduct("SHIP1"), products.IsProduct("unknown")));
        Assert.Equal(["SHIP1", "x1"], products.NotProducts.Order(StringComparer.Ordinal));
    }
}
