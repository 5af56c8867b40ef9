using Rekindle.Core.Catalog;
using Rekindle.Core.Orders;

namespace Rekindle.Core.Tests.Catalog;

public sealed class CatalogFromOrdersTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static OrderLine Line(string id, string name, decimal price, string? category = null) => new(id, null, name, 1, price, category);

    [Fact]
    public void Build_LatestNamePriceCurrencyAndCategory_ByOrderTimeNotArrival()
    {
        var catalog = CatalogFromOrders.Build(
        [
            new ProductSales(T0.AddDays(2), "EUR", [Line("p1", "Lamp, brass", 21m, "Lighting")]),
            new ProductSales(T0, "GBP", [Line("p1", "Old lamp", 15m, "Old")]),
            new ProductSales(T0.AddDays(1), "GBP", [Line("p2", "Mug", 3m)]),
        ]);

        Assert.Equal(
            [
                new CatalogProduct("p1", "Lamp, brass", "Lighting", 21m, "EUR", true, null, null),
                new CatalogProduct("p2", "Mug", null, 3m, "GBP", true, null, null),
            ],
            catalog);
    }

    [Fact]
    public void Build_BlankNameOrZeroPrice_KeepsOlderValue()
    {
        var catalog = CatalogFromOrders.Build(
        [
            new ProductSales(T0, "GBP", [Line("POST", "POSTAGE", 18m)]),
            new ProductSales(T0.AddDays(1), "GBP", [Line("POST", "  ", 0m)]),
        ]);

        Assert.Equal(new CatalogProduct("POST", "POSTAGE", null, 18m, "GBP", true, null, null), Assert.Single(catalog));
    }

    [Fact]
    public void WithFallback_UploadedEntryWinsWhole_OthersAdded()
    {
        var uploaded = new ProductCatalog([new CatalogProduct("p1", null, "Lighting", null, null, false, "https://shop.test/p1", null)]);

        var merged = uploaded.WithFallback(
        [
            new CatalogProduct("p1", "Lamp", null, 21m, "EUR", true, null, null),
            new CatalogProduct("p2", "Mug", null, 3m, "GBP", true, null, null),
        ]);

        Assert.Equal(new CatalogProduct("p1", null, "Lighting", null, null, false, "https://shop.test/p1", null), merged.Find("p1"));
        Assert.Equal("Mug", merged.Find("p2")?.Name);
        Assert.Equal(2, merged.Count);
    }
}
