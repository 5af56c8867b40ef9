using Rekindle.Core.Intelligence.Recommendations;
using static Rekindle.Core.Tests.Intelligence.Recommendations.Baskets;

namespace Rekindle.Core.Tests.Intelligence.Recommendations;

public sealed class BoughtTogetherModelTests
{
    // X sells most (9 orders, 9 customers) and shares more orders with A (3) than B does (2): raw counts would
    // put X first for an A buyer; cosine puts B first, 2/√(6·2) = 0.577 against 3/√(6·9) = 0.408.
    internal static readonly IReadOnlyList<Basket> Example =
    [
        Of("c1", "o1", "A", "B"), Of("c2", "o2", "A", "B"),
        Of("c3", "o3", "A", "X"), Of("c4", "o4", "A", "X"), Of("c5", "o5", "A", "X"),
        Of("c6", "o6", "X", "Y"), Of("c7", "o7", "X", "Y"), Of("c8", "o8", "X"), Of("c9", "o9", "X"), Of("c10", "o10", "X"),
        Of("c11", "o11", "X"),
        Of("t", "o12", "A", "A"),
    ];

    private static readonly double AB = 2 / Math.Sqrt(6 * 2);
    private static readonly double AX = 3 / Math.Sqrt(6 * 9);
    private static readonly double XY = 2 / Math.Sqrt(9 * 2);

    [Fact]
    public void Recommend_BoughtA_CosineNeighboursFirstThenBestSellerFiller()
    {
        var model = BoughtTogetherModel.Train(PurchaseData.Build(Example));

        var list = model.Recommend("t", 3);

        Assert.Equal(["B", "X", "Y"], Ids(list));
        Assert.Equal(
            [RecommendationSource.BoughtTogether, RecommendationSource.BoughtTogether, RecommendationSource.BestSeller],
            list.Select(r => r.Source));
        Assert.Equal(AB, list[0].Score, 6);
        Assert.Equal(AX, list[1].Score, 6);
        Assert.Equal(2, list[2].Score);
    }

    [Fact]
    public void SimilarTo_Product_NeighboursByCosine()
    {
        var model = BoughtTogetherModel.Train(PurchaseData.Build(Example));

        var nearX = model.SimilarTo("X");

        Assert.Equal(["Y", "A"], Ids(nearX));
        Assert.Equal([XY, AX], nearX.Select(r => Math.Round(r.Score, 6)), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Empty(model.SimilarTo("unknown"));
    }

    [Fact]
    public void RecommendForProducts_TwoProducts_SumsTheirSimilarities()
    {
        var model = BoughtTogetherModel.Train(PurchaseData.Build(Example));

        // X gains from both A and Y (0.408 + 0.471) and overtakes B (0.577).
        var list = model.RecommendForProducts(["A", "Y", "never-seen"], 2);

        Assert.Equal(["X", "B"], Ids(list));
        Assert.Equal(AX + XY, list[0].Score, 6);
    }

    [Fact]
    public void Recommend_Exclusion_SkipsExcludedEvenAsFiller()
    {
        var model = BoughtTogetherModel.Train(PurchaseData.Build(Example));

        Assert.Equal(["X"], Ids(model.Recommend("t", 3, new HashSet<string> { "B", "Y" })));
    }

    [Fact]
    public void Train_MinCoOccurrenceThree_DropsPairsInFewerOrders()
    {
        var model = BoughtTogetherModel.Train(PurchaseData.Build(Example), new BoughtTogetherOptions(MinCoOccurrence: 3));

        Assert.Equal(["X"], Ids(model.SimilarTo("A")));
    }

    [Fact]
    public void Train_MaxNeighboursOne_KeepsTheMostSimilar()
    {
        var model = BoughtTogetherModel.Train(PurchaseData.Build(Example), new BoughtTogetherOptions(MaxNeighbours: 1));

        Assert.Equal(["B"], Ids(model.SimilarTo("A")));
    }

    [Fact]
    public void Recommend_NewCustomer_BestSellers()
    {
        var model = BoughtTogetherModel.Train(PurchaseData.Build(Example));

        var list = model.Recommend("new", 2);

        Assert.Equal(["X", "A"], Ids(list));
        Assert.All(list, r => Assert.Equal(RecommendationSource.BestSeller, r.Source));
    }
}
