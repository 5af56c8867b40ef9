using Rekindle.Core.Catalog;
using Rekindle.Core.Intelligence.Recommendations;
using static Rekindle.Core.Tests.Intelligence.Recommendations.Baskets;

namespace Rekindle.Core.Tests.Intelligence.Recommendations;

public sealed class UpsellRecommenderTests
{
    private static readonly ProductCatalog Catalog = new(
    [
        P("T10", "Teapots", 10m), P("T12", "Teapots", 12m), P("T25", "Teapots", 25m), P("T30", "Teapots", 30m),
        P("T50", "Teapots", 50m), P("T60", "Teapots", 60m, inStock: false), P("T100", "teapots ", 100m),
        P("T200", "Teapots", 200m), P("TEUR", "Teapots", 20m, "EUR"), P("TNOPRICE", "Teapots", null),
        P("M5", "Mugs", 5m), P("M8", "Mugs", 8m, "gbp"),
        P("NOCAT", null, 10m),
    ]);

    // Distinct buyers: T25 3, T60 3, M5 2, T10 1, T12 1, T30 1; best sellers in that order (ties by id).
    private static readonly PurchaseData Data = PurchaseData.Build(
    [
        Of("p1", "o1", "T25", "T60", "M5"), Of("p2", "o2", "T25", "T60", "M5"), Of("p3", "o3", "T25", "T60"),
        Of("p4", "o4", "T12", "T30"),
        Of("b1", "o5", "T10"),
    ]);

    [Fact]
    public void Recommend_BoughtTenPoundTeapot_DearerTeapotsInBandByPopularityThenSmallerStep()
    {
        var list = new UpsellRecommender(Catalog, Data).Recommend("b1", 5);

        // Band (£10, £30]: T12, T25, T30 (3× exactly is in). Not T50 (5×), T60 (out of stock), TEUR (€20 is
        // "in band" by number but another currency), TNOPRICE. T25 is the most popular; T12 and T30 tie on one buyer
        // each and the smaller step wins. M5 is the best-seller filler (T60 out of stock, T10 bought); five asked, four left.
        Assert.Equal(["T25", "T12", "T30", "M5"], Ids(list));
        Assert.Equal([2.5, 1.2, 3.0, 2.0], list.Select(r => r.Score));
        Assert.Equal(
            [RecommendationSource.Upsell, RecommendationSource.Upsell, RecommendationSource.Upsell, RecommendationSource.BestSeller],
            list.Select(r => r.Source));
    }

    [Fact]
    public void RecommendForProducts_AlreadyOwnsDearerOne_GenuineStepUpFirstEvenIfNobodyBoughtIt()
    {
        var list = new UpsellRecommender(Catalog, Data).RecommendForProducts(["T10", "T50"], 4);

        // From T50, band (£50, £150]: T100 (category "teapots " is Teapots), above everything bought: first.
        // From T10: T12, T25, T30, all below the £50 already paid: after it, by popularity then step.
        // Scores are price / £50.
        Assert.Equal(["T100", "T25", "T12", "T30"], Ids(list));
        Assert.Equal([2.0, 0.5, 0.24, 0.6], list.Select(r => r.Score));
    }

    [Fact]
    public void RecommendForProducts_NarrowBand_MinExclusiveMaxInclusive()
    {
        var recommender = new UpsellRecommender(Catalog, Data, new UpsellOptions(MinPriceRatio: 1.2m, MaxPriceRatio: 2.5m));

        var list = recommender.RecommendForProducts(["T10"], 3);

        // (£12, £25]: T12 at exactly 1.2× is out, T25 at exactly 2.5× is in, T30 is out; T12 returns as a best seller.
        Assert.Equal(["T25", "M5", "T12"], Ids(list));
        Assert.Equal([RecommendationSource.Upsell, RecommendationSource.BestSeller, RecommendationSource.BestSeller], list.Select(r => r.Source));
    }

    [Fact]
    public void RecommendForProducts_CurrencyCodeInOtherCase_StillTheSameCurrency()
    {
        var list = new UpsellRecommender(Catalog, Data).RecommendForProducts(["M5"], 1);

        Assert.Equal(new Recommendation("M8", 1.6, RecommendationSource.Upsell), Assert.Single(list));
    }

    [Fact]
    public void RecommendForProducts_OnlyOtherCurrencyInCategory_BestSellersOnly()
    {
        var list = new UpsellRecommender(Catalog, Data).RecommendForProducts(["TEUR"], 3);

        Assert.Equal(["T25", "M5", "T10"], Ids(list));
        Assert.All(list, r => Assert.Equal(RecommendationSource.BestSeller, r.Source));
    }

    [Fact]
    public void RecommendForProducts_NoCategoryNoPriceOrNotInCatalogue_BestSellersOnly()
    {
        var list = new UpsellRecommender(Catalog, Data).RecommendForProducts(["NOCAT", "TNOPRICE", "not-in-catalogue"], 2);

        Assert.Equal(["T25", "M5"], Ids(list));
        Assert.All(list, r => Assert.Equal(RecommendationSource.BestSeller, r.Source));
    }

    [Fact]
    public void RecommendForProducts_Exclusion_SkipsExcludedEvenAsFiller()
    {
        var list = new UpsellRecommender(Catalog, Data).RecommendForProducts(["T10"], 5, new HashSet<string> { "T25", "M5" });

        // Left: T12 and T30 as upsells; no filler survives (T60 out of stock, T10 bought).
        Assert.Equal(["T12", "T30"], Ids(list));
    }

    [Fact]
    public void Recommend_UnknownCustomer_InStockBestSellers()
    {
        var list = new UpsellRecommender(Catalog, Data).Recommend("nobody", 3);

        Assert.Equal(["T25", "M5", "T10"], Ids(list));
        Assert.Equal([3.0, 2.0, 1.0], list.Select(r => r.Score));
    }

    [Fact]
    public void Recommend_EmptyCatalogue_BestSellersOutOfStockUnknown()
    {
        var list = new UpsellRecommender(ProductCatalog.Empty, Data).Recommend("b1", 2);

        // Without a catalogue nothing is known to be out of stock, so T60 is a best seller again.
        Assert.Equal(["T25", "T60"], Ids(list));
    }

    [Theory]
    [InlineData(0.9, 3.0)]
    [InlineData(2.0, 2.0)]
    public void Constructor_MinBelowOneOrEmptyBand_Throws(double min, double max)
    {
        var options = new UpsellOptions((decimal)min, (decimal)max);

        Assert.Throws<ArgumentOutOfRangeException>(() => new UpsellRecommender(Catalog, Data, options));
    }

    private static CatalogProduct P(string id, string? category, decimal? price, string currency = "GBP", bool inStock = true) =>
        new(id, id, category, price, currency, inStock, null, null);
}
