using Rekindle.Core.Intelligence.Recommendations;
using Rekindle.Core.Orders;
using static Rekindle.Core.Tests.Intelligence.Recommendations.Baskets;

namespace Rekindle.Core.Tests.Intelligence.Recommendations;

public sealed class RecommenderEvaluationTests
{
    private static readonly DateTimeOffset Cutoff = new(2011, 9, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Run_SmallExample_ScoresTheThreeRecommendersOnTheSameCustomers()
    {
        var early = Cutoff.AddDays(-10);
        var late = Cutoff.AddDays(10);
        var orders = BoughtTogetherModelTests.Example
            .Select(b => Order(b.CustomerId, b.OrderId, early, [.. b.ProductIds]))
            .Append(Order("t", "later-t", late, "B", "Q", "A"))   // new: B and Q (A was bought before)
            .Append(Order("c8", "later-c8", late, "X"))           // only repeats X
            .Append(Order("fresh", "later-fresh", Cutoff, "B"))   // no order before the cut-off
            .ToList();

        var result = RecommenderEvaluation.Run(orders, Cutoff, new RecommenderEvaluationOptions(K: 1));

        Assert.Equal((12, 4, 1, 1), (result.TrainingOrders, result.TrainingProducts, result.CustomersEvaluated, result.CustomersOnlyRepeating));
        // Bought together's one pick for t is B (a hit, half of {B, Q}); the best seller is X (a miss). Customers like
        // t (who bought A) are c1, c2 with {A, B} and c3, c4, c5 with {A, X}, all at 1/√2: X scores 3/√2, B 2/√2, a miss.
        Assert.Equal(new RecommenderScore(1, 0.5, 1), result.BoughtTogether);
        Assert.Equal(new RecommenderScore(0, 0, 0), result.SimilarCustomers);
        Assert.Equal(new RecommenderScore(0, 0, 0), result.BestSellers);
    }

    [Fact]
    public void Run_OrderAtCutoff_CountsAsAfter()
    {
        var orders = new List<Order>
        {
            Order("a", "1", Cutoff.AddTicks(-1), "P1", "P2"),
            Order("a", "2", Cutoff, "P3"),
        };

        var result = RecommenderEvaluation.Run(orders, Cutoff);

        Assert.Equal((1, 2, 1), (result.TrainingOrders, result.TrainingProducts, result.CustomersEvaluated));
        // P3 was never seen in training, so nobody can recommend it.
        Assert.Equal(new RecommenderScore(0, 0, 0), result.BoughtTogether);
        Assert.Equal(new RecommenderScore(0, 0, 0), result.SimilarCustomers);
    }
}
