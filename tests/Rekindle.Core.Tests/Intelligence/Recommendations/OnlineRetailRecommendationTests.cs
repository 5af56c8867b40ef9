using System.Diagnostics;
using Rekindle.Core.Intelligence.Recommendations;
using Rekindle.Core.Orders;
using Rekindle.Testing;
using Xunit.Abstractions;

namespace Rekindle.Core.Tests.Intelligence.Recommendations;

/// <summary>The goal on real data: bought-together beats best sellers on Online Retail after 2011-09-01.</summary>
public sealed class OnlineRetailRecommendationTests(ITestOutputHelper output)
{
    [Fact]
    public void Run_OnlineRetailCutoffSeptember2011_ModelBeatsBestSellersOnHitRateAndRecall()
    {
        var clock = Stopwatch.StartNew();
        var orders = new List<Order>();
        using (var file = File.OpenRead(SharedData.File("online_retail", "online_retail.csv.gz")))
        {
            orders.AddRange(new OrderCsvImporter(file, OrderCsvFormat.OnlineRetail).ReadAll().OfType<ImportedOrder>().Select(i => i.Order));
        }

        var read = clock.Elapsed;
        clock.Restart();
        var result = RecommenderEvaluation.Run(
            orders,
            new DateTimeOffset(2011, 9, 1, 0, 0, 0, TimeSpan.Zero),
            new RecommenderEvaluationOptions(K: 10, IsProduct: ProductCodes.IsOnlineRetailStockCode));
        var evaluated = clock.Elapsed;

        output.WriteLine(
            $"{orders.Count:N0} orders read in {read.TotalMilliseconds:N0} ms; evaluation in {evaluated.TotalMilliseconds:N0} ms: "
            + $"{result.TrainingOrders:N0} training orders, {result.TrainingProducts:N0} products, "
            + $"{result.CustomersEvaluated:N0} customers evaluated ({result.CustomersOnlyRepeating:N0} only repeating, left out)");
        output.WriteLine($"bought-together: hit rate@10 {result.Model.HitRate:P2}, recall@10 {result.Model.Recall:P2}");
        output.WriteLine($"best sellers:    hit rate@10 {result.Baseline.HitRate:P2}, recall@10 {result.Baseline.Recall:P2}");

        Assert.True(result.CustomersEvaluated > 1000, $"only {result.CustomersEvaluated} customers evaluated");
        Assert.True(result.Model.HitRate > result.Baseline.HitRate, $"hit rate {result.Model.HitRate} <= {result.Baseline.HitRate}");
        Assert.True(result.Model.Recall > result.Baseline.Recall, $"recall {result.Model.Recall} <= {result.Baseline.Recall}");
    }
}
