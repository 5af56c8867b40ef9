using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Prediction;

namespace Rekindle.Core.Tests.Intelligence.Prediction;

/// <summary>
/// The backtest of the BTYD candidates on real shops against figures computed independently by
/// tests/reference/churn_backtest.py (its output is in tests/reference/README.md): same customers, same labels,
/// same AUC, Brier score and deciles. The learnt model and the full choice are tested in Rekindle.Learning.Tests.
/// </summary>
public sealed class BacktestOnRealShopsTests
{
    private static readonly DateOnly CdnowAsOf = new(1998, 6, 30);
    private static readonly DateOnly RetailAsOf = new(2011, 12, 10);

    [Fact]
    public void CdnowSample_Cutoff19970930_FiguresOfTheReference()
    {
        var fits = new BtydFits();
        var backtest = ChurnBacktest.Run(new HistoryView(RealShops.CdnowSample, EngagementHistory.Empty, CdnowAsOf), 273,
            [new BtydPurchaseModel(false, fits), new BtydPurchaseModel(true, fits)]);
        var bg = Result(backtest, "bg-nbd");

        Assert.Equal(new DateOnly(1997, 9, 30), backtest.Cutoff);
        Assert.Equal(2_357, backtest.Customers);
        Assert.Equal(684, backtest.Buyers);
        Assert.Equal(0.290199, backtest.BaseRate, 6);
        Assert.Equal(0.771442, Result(backtest, ChurnBacktest.RecencyOnly).Auc!.Value, 6);
        Assert.Equal(0.757627, Result(backtest, ChurnBacktest.FrequencyOnly).Auc!.Value, 6);
        // The fits agree to about 2e-5 in a and b (a flat likelihood valley), so the figures to 5 decimals.
        Assert.Equal(0.242595, bg.Parameters["r"], 4);
        Assert.Equal(0.756920, bg.Auc!.Value, 5);
        Assert.Equal(0.161224, bg.Brier!.Value, 5);
        Assert.Equal([0.122004, 0.149831, 0.154926, 0.159716], bg.Calibration.Take(4).Select(c => Math.Round(c.MeanPredicted, 5)),
            new RoundedTo(5));
        Assert.Equal([0.199153, 0.097458, 0.135593, 0.114407], bg.Calibration.Take(4).Select(c => c.ActualShare), new RoundedTo(6));
        // Pareto/NBD, fitted here, ranks within 0.001 of recency alone (the best baseline) and far above P(alive).
        Assert.InRange(Result(backtest, "pareto-nbd").Auc!.Value, 0.771442 - 0.001, 1);
    }

    [Fact]
    public void CdnowSample_ParetoNbdAtPublishedParameters_SameAsTheReferenceIntegrals()
    {
        var view = new HistoryView(RealShops.CdnowSample, EngagementHistory.Empty, new DateOnly(1997, 9, 30));
        var labels = new HistoryView(RealShops.CdnowSample, EngagementHistory.Empty, CdnowAsOf).BoughtSince(view);
        var model = new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.578, 0.606, 11.669));
        var (_, probability, _) = BtydPurchaseModel.Forecast(model, view.Summaries(), 39);
        var alive = view.Summaries().Select(s => model.ProbabilityAlive(s.Frequency, s.Recency, s.T)).ToArray();

        Assert.Equal(0.726205, BacktestMetrics.Auc(alive, labels)!.Value, 6);
        Assert.Equal(0.771139, BacktestMetrics.Auc(probability, labels)!.Value, 6);
        Assert.Equal(0.161861, BacktestMetrics.Brier(probability, labels), 6);
    }

    [Fact]
    public void CdnowSample_TodaysPAlive_RanksWorseThanACoin()
    {
        var view = new HistoryView(RealShops.CdnowSample, EngagementHistory.Empty, new DateOnly(1997, 9, 30));
        var labels = new HistoryView(RealShops.CdnowSample, EngagementHistory.Empty, CdnowAsOf).BoughtSince(view);
        var fit = new BtydFits().Get(view, paretoNbd: false)!;
        var alive = view.Summaries().Select(s => fit.Model.ProbabilityAlive(s.Frequency, s.Recency, s.T)).ToArray();

        Assert.Equal(0.315790, BacktestMetrics.Auc(alive, labels)!.Value, 5);
    }

    [Fact]
    public void OnlineRetail_Cutoff20110910_FiguresOfTheReference()
    {
        var fits = new BtydFits();
        var backtest = ChurnBacktest.Run(new HistoryView(RealShops.OnlineRetail, EngagementHistory.Empty, RetailAsOf), 91,
            [new BtydPurchaseModel(false, fits)]);
        var bg = Result(backtest, "bg-nbd");

        Assert.Equal(3_370, backtest.Customers);
        Assert.Equal(1_921, backtest.Buyers);
        Assert.Equal(0.683408, Result(backtest, ChurnBacktest.RecencyOnly).Auc!.Value, 6);
        Assert.Equal(0.722599, Result(backtest, ChurnBacktest.FrequencyOnly).Auc!.Value, 6);
        // The fit runs to the limit a → 0 (nobody drops out, the NBD model); the limit still ranks, and is reported.
        Assert.StartsWith("a = ", bg.Note, StringComparison.Ordinal);
        Assert.EndsWith("ran to the edge of its range: the data do not identify the model", bg.Note, StringComparison.Ordinal);
        Assert.Equal(0.722386, bg.Parameters["r"], 5);
        Assert.Equal(0.733081, bg.Auc!.Value, 5);
        Assert.Equal(0.217447, bg.Brier!.Value, 5);
    }

    private static BacktestResult Result(ChurnBacktest backtest, string model) => backtest.Results.Single(r => r.Model == model);

    private sealed class RoundedTo(int digits) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Round(x, digits) == Math.Round(y, digits);

        public int GetHashCode(double obj) => Math.Round(obj, digits).GetHashCode();
    }
}
