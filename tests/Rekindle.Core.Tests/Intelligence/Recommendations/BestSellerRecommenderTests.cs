using Rekindle.Core.Intelligence.Recommendations;
using static Rekindle.Core.Tests.Intelligence.Recommendations.Baskets;

namespace Rekindle.Core.Tests.Intelligence.Recommendations;

public sealed class BestSellerRecommenderTests
{
    // By distinct customers: A 3 (c1 buys it in two orders, still one customer), B 2, C 1, D 1.
    private static readonly PurchaseData Data = PurchaseData.Build(
    [
        Of("c1", "o1", "A", "A"), Of("c1", "o2", "A"), Of("c1", "o2b", "D"),
        Of("c2", "o3", "A", "B"),
        Of("c3", "o4", "A", "B", "C"),
    ]);

    [Fact]
    public void Recommend_NewCustomer_BestSellersByDistinctCustomersTiesById()
    {
        var list = new BestSellerRecommender(Data).Recommend("nobody", 10);

        Assert.Equal(["A", "B", "C", "D"], Ids(list));
        Assert.Equal([3.0, 2.0, 1.0, 1.0], list.Select(r => r.Score));
        Assert.All(list, r => Assert.Equal(RecommendationSource.BestSeller, r.Source));
    }

    [Fact]
    public void Recommend_KnownCustomerWithExclusion_SkipsBoughtAndExcluded()
    {
        var list = new BestSellerRecommender(Data).Recommend("c2", 10, new HashSet<string> { "C" });

        Assert.Equal(["D"], Ids(list));
    }

    [Fact]
    public void Recommend_CountSmallerThanCatalogue_StopsAtCount()
    {
        Assert.Equal(["A", "B"], Ids(new BestSellerRecommender(Data).Recommend("nobody", 2)));
    }

    [Fact]
    public void Build_IsProductRule_DropsOtherLinesAndEmptyOrders()
    {
        var data = PurchaseData.Build([Of("c1", "o1", "22423", "POST"), Of("c2", "o2", "POST")], id => id != "POST");

        Assert.Equal((1, 1, 1), (data.ProductCount, data.OrderCount, data.CustomerCount));
        Assert.Equal(["22423"], data.ProductsOf("c1"));
    }
}
