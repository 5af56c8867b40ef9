using Rekindle.Core.Catalog;

namespace Rekindle.Core.Tests.Catalog;

public sealed class ProductCatalogTests
{
    private static readonly ProductCatalog Catalog = new(
    [
        P("mug-2", "Mugs", inStock: true),
        P("kettle", "Kettles", inStock: false),
        P("mug-1", " mugs", inStock: false),
        P("gift-card", null, inStock: true),
        P("sticker", "  ", inStock: true),
    ]);

    [Fact]
    public void Find_KnownAndUnknownId_ProductOrNull()
    {
        Assert.Equal("Kettles", Catalog.Find("kettle")?.Category);
        Assert.Null(Catalog.Find("Kettle"));
    }

    [Fact]
    public void InCategory_AnyCaseAndSpaces_ProductsById()
    {
        Assert.Equal(["mug-1", "mug-2"], Catalog.InCategory("MUGS ").Select(p => p.ProductId));
        Assert.Empty(Catalog.InCategory("Teapots"));
        Assert.Empty(Catalog.InCategory(" "));
        Assert.Empty(Catalog.InCategory(null));
    }

    [Fact]
    public void OutOfStock_MarkedProducts_TheirIds()
    {
        Assert.Equal(["kettle", "mug-1"], Catalog.OutOfStock.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("not-in-catalogue", Catalog.OutOfStock);
    }

    [Fact]
    public void Products_AllOfThem_ById()
    {
        Assert.Equal(["gift-card", "kettle", "mug-1", "mug-2", "sticker"], Catalog.Products.Select(p => p.ProductId));
        Assert.Equal(5, Catalog.Count);
    }

    [Fact]
    public void Constructor_SameIdTwice_LastWins()
    {
        var catalog = new ProductCatalog([P("mug", "Mugs", inStock: false), P("mug", "Cups", inStock: true)]);

        Assert.Equal(1, catalog.Count);
        Assert.Equal("Cups", catalog.Find("mug")?.Category);
        Assert.Empty(catalog.OutOfStock);
        Assert.Empty(catalog.InCategory("Mugs"));
    }

    [Fact]
    public void Constructor_EmptyId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ProductCatalog([P("", "Mugs", inStock: true)]));
    }

    private static CatalogProduct P(string id, string? category, bool inStock) =>
        new(id, null, category, 1m, "GBP", inStock, null, null);
}
