using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Tests.Intelligence.Churn;

public class BgNbdModelTests
{
    private static readonly BgNbdModel Cdnow = new(new BgNbdParameters(0.2425945, 4.4136019, 0.7929199, 2.4258881));

    [Fact]
    public void Fit_LifetimesExampleTransactions_ReproducesTheQuickstartFitAndPredictions()
    {
        // EXPECTED.md §5, last row: lifetimes' synthetic example_transactions.csv, observation end 2014-12-31, days.
        var builder = new CustomerSummaryBuilder(new SummaryOptions { ObservationEnd = new DateOnly(2014, 12, 31) });
        foreach (var t in CdnowData.ExampleTransactions())
        {
            builder.Add(t.CustomerId, t.Date, t.Amount);
        }

        var summaries = builder.Build();
        var byId = summaries.ToDictionary(s => s.CustomerId);
        (double X, double Tx, double T)[] expectedSummaries = [(0, 0, 298), (0, 0, 224), (6, 142, 292), (0, 0, 147), (2, 9, 183)];
        double[] expected30Days = [0.016053, 0.021171, 0.030461, 0.031686, 0.001607];

        var fit = BgNbdModel.Fit(GroupedSummaries.From(summaries));

        Assert.Equal(5000, summaries.Count);
        Assert.True(fit.Converged, fit.Failure);
        Published.AlmostEqual(1.85, fit.Parameters.A, 2, "a");
        Published.AlmostEqual(1.86, fit.Parameters.Alpha, 2, "alpha");
        Published.AlmostEqual(3.18, fit.Parameters.B, 2, "b");
        Published.AlmostEqual(0.16, fit.Parameters.R, 2, "r");
        var model = new BgNbdModel(fit.Parameters);
        for (int id = 0; id < 5; id++)
        {
            var s = byId[id.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal(expectedSummaries[id], (s.Frequency, s.Recency, s.T));
            Published.AlmostEqual(expected30Days[id], model.ConditionalExpectedPurchases(30, s.Frequency, s.Recency, s.T), 5, $"customer {id}");
        }
    }

    [Fact]
    public void Fit_NoRepeatPurchasesAnywhere_ReportsThatTheDataDoNotIdentifyTheModel()
    {
        var data = GroupedSummaries.From(Enumerable.Range(1, 50).Select(t => new SummaryGroup(0, 0, t, 1)));

        var fit = BgNbdModel.Fit(data);

        Assert.False(fit.Converged);
        Assert.Contains("ran to the edge of its range", fit.Failure);
    }

    [Fact]
    public void Fit_NoCustomers_Fails()
    {
        var fit = BgNbdModel.Fit(GroupedSummaries.From(Array.Empty<SummaryGroup>()));

        Assert.False(fit.Converged);
        Assert.Equal("there are no customers to fit", fit.Failure);
    }

    [Fact]
    public void TotalWithGradient_Cdnow_MatchesCentralDifferences()
    {
        var data = CdnowData.Grouped(CdnowData.Summary());
        double[] p = [0.3, 5.0, 0.9, 2.0];
        var gradient = new double[4];

        double value = BgNbdLikelihood.TotalWithGradient(p[0], p[1], p[2], p[3], data, gradient);

        Assert.Equal(BgNbdLikelihood.Total(p[0], p[1], p[2], p[3], data), value, 1e-8);
        for (int i = 0; i < 4; i++)
        {
            double h = 1e-6 * p[i];
            double[] up = [.. p], down = [.. p];
            up[i] += h;
            down[i] -= h;
            double numeric = (BgNbdLikelihood.Total(up[0], up[1], up[2], up[3], data)
                - BgNbdLikelihood.Total(down[0], down[1], down[2], down[3], data)) / (2 * h);
            Published.Relative(numeric, gradient[i], 1e-5, $"∂/∂θ{i}");
        }
    }

    [Fact]
    public void ExpectedPurchasesIfAlive_AEqualToOne_IsTheLimitFromBothSides()
    {
        double Value(double a) => new BgNbdModel(new BgNbdParameters(0.5, 4, a, 2)).ExpectedPurchasesIfAlive(20, 3, 30);

        double below = Value(1 - 1e-4), at = Value(1), above = Value(1 + 1e-4);

        Assert.True(double.IsFinite(at));
        Assert.InRange(at, Math.Min(below, above), Math.Max(below, above));
        Published.Relative((below + above) / 2, at, 1e-6);
    }

    [Fact]
    public void ExpectedPurchasesIfAlive_GrowingHorizon_StartsAtZeroAndIncreases()
    {
        double[] horizons = [0, 1, 10, 100, 1_000, 10_000, 100_000];

        var values = horizons.Select(t => Cdnow.ExpectedPurchasesIfAlive(t, 2, 30)).ToArray();

        Assert.Equal(0, values[0]);
        for (int i = 1; i < values.Length; i++)
        {
            Assert.True(values[i] > values[i - 1], $"E[Y({horizons[i]})] = {values[i]} after {values[i - 1]}");
        }
    }

    [Fact]
    public void ConditionalExpectedPurchases_IsProbabilityAliveTimesTheAliveExpectation()
    {
        double alive = Cdnow.ProbabilityAlive(4, 20, 38);
        double ifAlive = Cdnow.ExpectedPurchasesIfAlive(52, 4, 38);

        Assert.Equal(alive * ifAlive, Cdnow.ConditionalExpectedPurchases(52, 4, 20, 38));
        Assert.InRange(alive, 0.0, 1.0);
    }

    [Theory]
    [InlineData(-1, 0, 1)]
    [InlineData(1.5, 0, 1)]
    [InlineData(1, 2, 1)]
    [InlineData(1, -1, 1)]
    [InlineData(1, 0, double.NaN)]
    public void ProbabilityAlive_ImpossibleHistory_Throws(double x, double tx, double t)
    {
        Assert.Throws<ArgumentException>(() => Cdnow.ProbabilityAlive(x, tx, t));
    }

    [Fact]
    public void Constructor_NonPositiveParameter_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdModel(new BgNbdParameters(0.2, 0, 1, 1)));
    }
}
