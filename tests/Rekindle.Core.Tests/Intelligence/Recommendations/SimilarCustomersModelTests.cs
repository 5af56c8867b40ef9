using Rekindle.Core.Intelligence.Recommendations;
using static Rekindle.Core.Tests.Intelligence.Recommendations.Baskets;

namespace Rekindle.Core.Tests.Intelligence.Recommendations;

public sealed class SimilarCustomersModelTests
{
    // t bought {A, B}. Cosine with each customer, |shared| / √(|t| · |other|):
    //   u1 {A, B, C}       2 / √(2·3) = 0.8165
    //   u2 {A, D}          1 / √(2·2) = 0.5
    //   u3 {B, C, D, E}    1 / √(2·4) = 0.3536
    //   u4 {A, B}          shares all, but has nothing t lacks: skipped
    //   u5 {E, F}, u6 {F}  share nothing: not neighbours
    // Candidates by summed similarity: C = u1 + u3 = 1.1701, D = u2 + u3 = 0.8536, E = u3 = 0.3536; F only as a
    // best seller. Distinct buyers: A 4, B 4, C 2, D 2, E 2, F 2.
    private static readonly IReadOnlyList<Basket> Example =
    [
        Of("t", "o1", "A", "B"),
        Of("u1", "o2", "A", "B"), Of("u1", "o3", "C"),
        Of("u2", "o4", "A", "D"),
        Of("u3", "o5", "B", "C", "D", "E"),
        Of("u4", "o6", "A", "B"),
        Of("u5", "o7", "E", "F"),
        Of("u6", "o8", "F"),
    ];

    private static readonly double U1 = 2 / Math.Sqrt(6);
    private static readonly double U2 = 0.5;
    private static readonly double U3 = 1 / Math.Sqrt(8);

    private static bool Close(double a, double b) => Math.Abs(a - b) < 1e-12;

    [Fact]
    public void Recommend_KnownCustomer_SummedNeighbourSimilaritiesThenBestSellers()
    {
        var model = SimilarCustomersModel.Train(PurchaseData.Build(Example));

        var list = model.Recommend("t", 5);

        // Five asked, four left: A and B were bought.
        Assert.Equal(["C", "D", "E", "F"], Ids(list));
        Assert.Equal([U1 + U3, U2 + U3, U3, 2], list.Select(r => r.Score), Close);
        Assert.Equal(
            [RecommendationSource.SimilarCustomers, RecommendationSource.SimilarCustomers, RecommendationSource.SimilarCustomers, RecommendationSource.BestSeller],
            list.Select(r => r.Source));
    }

    [Fact]
    public void NeighboursOf_Products_CosineMostAlikeFirstSkippingThoseWithNothingNew()
    {
        var model = SimilarCustomersModel.Train(PurchaseData.Build(Example));

        var neighbours = model.NeighboursOf(["A", "B"]);

        // t and u4 bought exactly {A, B}: similarity 1, but nothing to recommend.
        Assert.Equal(["u1", "u2", "u3"], neighbours.Select(n => n.CustomerId));
        Assert.Equal([U1, U2, U3], neighbours.Select(n => n.Similarity), Close);
    }

    [Fact]
    public void Recommend_TwoNeighbours_DropsTheFarthest()
    {
        var model = SimilarCustomersModel.Train(PurchaseData.Build(Example), new SimilarCustomersOptions(Neighbours: 2));

        var list = model.Recommend("t", 3);

        // Without u3: C = u1 only, D = u2 only, and E (u3's) comes back as a best seller.
        Assert.Equal(["C", "D", "E"], Ids(list));
        Assert.Equal([U1, U2, 2], list.Select(r => r.Score), Close);
        Assert.Equal(RecommendationSource.BestSeller, list[2].Source);
    }

    [Fact]
    public void Recommend_Exclusion_SkipsExcludedEvenAsFiller()
    {
        var model = SimilarCustomersModel.Train(PurchaseData.Build(Example));

        Assert.Equal(["D", "E"], Ids(model.Recommend("t", 5, new HashSet<string> { "C", "F" })));
    }

    [Fact]
    public void Recommend_UnknownCustomer_BestSellersTiesById()
    {
        var model = SimilarCustomersModel.Train(PurchaseData.Build(Example));

        var list = model.Recommend("nobody", 3);

        Assert.Equal(["A", "B", "C"], Ids(list));
        Assert.Equal([4.0, 4.0, 2.0], list.Select(r => r.Score));
        Assert.All(list, r => Assert.Equal(RecommendationSource.BestSeller, r.Source));
    }

    [Fact]
    public void RecommendForProducts_TrainedHistoryGivenDirectly_SameAsRecommend()
    {
        var model = SimilarCustomersModel.Train(PurchaseData.Build(Example));

        // t's own training history {A, B} is among the candidates now (self is not known), and is skipped like u4.
        Assert.Equal(model.Recommend("t", 5), model.RecommendForProducts(["B", "A", "A", "never-seen"], 5));
    }

    [Fact]
    public void RecommendForProducts_TiedScores_ByProductId()
    {
        var model = SimilarCustomersModel.Train(PurchaseData.Build(Example));

        // {E}: u5 {E, F} 1/√2 = 0.7071, u3 {B, C, D, E} 1/√4 = 0.5 — B, C and D tie at 0.5.
        var list = model.RecommendForProducts(["E"], 4);

        Assert.Equal(["F", "B", "C", "D"], Ids(list));
        Assert.Equal([1 / Math.Sqrt(2), 0.5, 0.5, 0.5], list.Select(r => r.Score), Close);
    }

    [Fact]
    public void RecommendForProducts_NothingKnown_BestSellers()
    {
        var model = SimilarCustomersModel.Train(PurchaseData.Build(Example));

        Assert.Equal(["A", "B"], Ids(model.RecommendForProducts(["never-seen"], 2)));
    }

    [Fact]
    public void Train_BasketsInAnotherOrder_SameLists()
    {
        var forward = SimilarCustomersModel.Train(PurchaseData.Build(Example));
        var backward = SimilarCustomersModel.Train(PurchaseData.Build(Example.Reverse()));

        foreach (var customer in new[] { "t", "u1", "u2", "u3", "u4", "u5", "u6" })
        {
            Assert.Equal(forward.Recommend(customer, 6), backward.Recommend(customer, 6));
        }
    }

    [Fact]
    public void Recommend_ManyThreads_SameAsOneThread()
    {
        var model = SimilarCustomersModel.Train(PurchaseData.Build(Example));
        var customers = new[] { "t", "u1", "u2", "u3", "u4", "u5", "u6", "nobody" };
        var expected = customers.Select(c => model.Recommend(c, 4)).ToArray();
        var results = new IReadOnlyList<Recommendation>[800];

        Parallel.For(0, results.Length, i => results[i] = model.Recommend(customers[i % customers.Length], 4));

        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(expected[i % customers.Length], results[i]));
    }

    [Fact]
    public void Train_NoNeighbours_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SimilarCustomersModel.Train(PurchaseData.Build(Example), new SimilarCustomersOptions(Neighbours: 0)));
    }
}
