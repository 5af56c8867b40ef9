using Rekindle.Core.Intelligence.Prediction;

namespace Rekindle.Core.Tests.Intelligence.Prediction;

public sealed class BacktestMetricsTests
{
    [Fact]
    public void Auc_CountsPairsWithTiesAsHalf()
    {
        // Buyers score 0.9 and 0.5, non-buyers 0.5 and 0.1: of the four buyer/non-buyer pairs, three are ordered
        // right and one (0.5 vs 0.5) is a tie: (3 + 0.5) / 4.
        Assert.Equal(0.875, BacktestMetrics.Auc([0.9, 0.5, 0.5, 0.1], [true, true, false, false]));
    }

    [Fact]
    public void Auc_PerfectReversedAndConstant()
    {
        Assert.Equal(1.0, BacktestMetrics.Auc([3, 4, 1, 2], [true, true, false, false]));
        Assert.Equal(0.0, BacktestMetrics.Auc([1, 2, 3, 4], [true, true, false, false]));
        Assert.Equal(0.5, BacktestMetrics.Auc([7, 7, 7], [true, false, false]));
    }

    [Fact]
    public void Auc_OneClassOnly_Null()
    {
        Assert.Null(BacktestMetrics.Auc([0.2, 0.4], [true, true]));
    }

    [Fact]
    public void Brier_MeanSquaredError()
    {
        // (0.2 − 1)² + (0.4 − 0)² = 0.64 + 0.16, over two.
        Assert.Equal(0.4, BacktestMetrics.Brier([0.2, 0.4], [true, false]), 12);
    }

    [Fact]
    public void Deciles_TwentyThreeCustomers_FirstThreeGroupsTakeTheExtra()
    {
        var predictions = Enumerable.Range(0, 23).Select(i => i / 100.0).ToArray();
        var outcomes = predictions.Select(p => p >= 0.20).ToArray();

        var bins = BacktestMetrics.Deciles(predictions, outcomes);

        Assert.Equal([3, 3, 3, 2, 2, 2, 2, 2, 2, 2], bins.Select(b => b.Customers));
        Assert.Equal(0.01, bins[0].MeanPredicted, 12);
        Assert.Equal(0.0, bins[0].ActualShare);
        // The last group holds 0.21 and 0.22: both bought.
        Assert.Equal(0.215, bins[9].MeanPredicted, 12);
        Assert.Equal(1.0, bins[9].ActualShare);
        // 0.19 and 0.20 share the ninth group: one bought.
        Assert.Equal(0.5, bins[8].ActualShare);
    }

    [Fact]
    public void Lengths_Differ_Refused()
    {
        var error = Assert.Throws<ArgumentException>(() => BacktestMetrics.Brier([0.1], [true, false]));
        Assert.Equal("1 scores but 2 outcomes", error.Message);
    }
}
