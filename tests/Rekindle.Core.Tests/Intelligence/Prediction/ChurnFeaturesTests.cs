using System.Xml.Linq;
using Rekindle.Core.Intelligence.Prediction;

namespace Rekindle.Core.Tests.Intelligence.Prediction;

public sealed class ChurnFeaturesTests
{
    private static readonly DateOnly Day0 = new(2024, 1, 1);

    [Fact]
    public void Build_OneCustomer_EveryHistoryFeature()
    {
        // Purchases on days 0, 10, 30 (gaps 10 and 20) for 10, 20 and 60; the view is at day 100.
        var builder = new PurchaseHistoryBuilder();
        builder.Add("c", Day0, 10m);
        builder.Add("c", Day0.AddDays(10), 20m);
        builder.Add("c", Day0.AddDays(30), 60m);
        builder.Add("later", Day0.AddDays(200), 5m);
        var engagement = EngagementHistory.From([(0, EngagementSignal.ProductView, Day0.AddDays(95)), (0, EngagementSignal.Cart, Day0.AddDays(20))]);
        var view = new HistoryView(builder.Build(), engagement, Day0.AddDays(100));

        var features = ChurnFeatures.Build(view, 90, new BtydFits());
        float Feature(string name) => features.Values[ChurnFeatures.Column(name)];

        Assert.Equal(1, features.Rows);
        Assert.Equal(70, Feature("recency_days"));
        Assert.Equal(3, Feature("frequency"));
        Assert.Equal(100, Feature("tenure_days"));
        Assert.Equal(30, Feature("mean_spend"));
        Assert.Equal(15, Feature("mean_gap_days"));
        Assert.Equal(20, Feature("last_gap_days"));
        // The last gap (20) against the mean of the earlier ones (10): twice as long.
        Assert.Equal(2, Feature("gap_trend"));
        Assert.Equal(70 / 15f, Feature("overdue"), 5);
        Assert.Equal(1, Feature("purchases_90d"));
        Assert.Equal(3, Feature("purchases_365d"));
        Assert.Equal(1, Feature("product_views_30d"));
        Assert.Equal(0, Feature("carts_30d"));
        Assert.Equal(1, Feature("carts_90d"));
        // One customer who bought three times: BG/NBD has something to fit, and its expectations are probabilities.
        Assert.InRange(Feature("bgnbd_p_purchase"), 0, 1);
    }

    [Fact]
    public void CalibrationPicture_WellFormedSvg_WithEveryModelAndBaseline()
    {
        var backtest = new ChurnBacktest(new DateOnly(1997, 9, 30), new DateOnly(1998, 6, 30), 2_357, 684,
        [
            new BacktestResult("pareto-nbd", false, 0.771, 0.162, [new CalibrationBin(1, 236, 0.069, 0.123), new CalibrationBin(2, 236, 0.5, 0.4)], null,
                new Dictionary<string, double>(), []),
            new BacktestResult("boosted-trees", false, null, null, [], "needs <history> & more", new Dictionary<string, double>(), []),
            new BacktestResult(ChurnBacktest.RecencyOnly, true, 0.7714, null, [], null, new Dictionary<string, double>(), []),
        ]);

        var svg = XDocument.Parse(CalibrationPicture.Svg(backtest, "pareto-nbd", "Churn backtest <as of> 1998-06-30"));
        var text = string.Join("|", svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));

        Assert.Equal("Churn backtest <as of> 1998-06-30", svg.Root!.Elements().First(e => e.Name.LocalName == "title").Value);
        Assert.Contains("pareto-nbd (chosen)|0.771|0.162", text, StringComparison.Ordinal);
        Assert.Contains("boosted-trees|—|—|needs <history> & more", text, StringComparison.Ordinal);
        Assert.Contains("recency-only|0.771", text, StringComparison.Ordinal);
        Assert.Contains("base rate 29.0 %", text, StringComparison.Ordinal);
        Assert.Equal(2, svg.Descendants().Count(e => e.Name.LocalName == "circle"));
    }
}
