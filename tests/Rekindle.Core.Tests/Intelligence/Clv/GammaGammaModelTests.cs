using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Clv;
using Rekindle.Core.Intelligence.Numerics;

namespace Rekindle.Core.Tests.Intelligence.Clv;

public class GammaGammaModelTests
{
    private static IEnumerable<SpendRow> ReturningCustomers() =>
        CdnowData.SummaryWithTransactions()
            .Where(r => r.Frequency > 0)
            .Select(r => new SpendRow(r.Frequency, (double)r.MonetaryValue));

    [Fact]
    public void Fit_CdnowReturningCustomers_ReproducesThePublishedParametersAndLogLikelihood()
    {
        var fit = GammaGammaModel.Fit(ReturningCustomers());

        // EXPECTED.md §4: lifetimes to 2 decimals, CLVTools testthat relative 0.001.
        Assert.Equal(946, ReturningCustomers().Count());
        Assert.True(fit.Converged, fit.Failure);
        var p = fit.Parameters;
        Published.AlmostEqual(6.25, p.P, 2, "p");
        Published.AlmostEqual(3.74, p.Q, 2, "q");
        Published.AlmostEqual(15.44, p.V, 2, "v");
        Published.TestthatEqual([6.25, 3.74, 15.44], [p.P, p.Q, p.V], 0.001, "CLVTools");
        Published.Relative(-4055.9177, fit.LogLikelihood, 0.001, "CLVTools log-likelihood");
    }

    [Fact]
    public void Fit_CdnowWithNelderMeadOnly_ReachesTheSameMaximum()
    {
        var gradientFit = GammaGammaModel.Fit(ReturningCustomers());

        var fit = GammaGammaModel.Fit(ReturningCustomers(), options: new OptimizerOptions { NelderMeadOnly = true });

        Assert.True(fit.Converged, fit.Failure);
        Published.Relative(gradientFit.Parameters.P, fit.Parameters.P, 1e-5, "p");
        Published.Relative(gradientFit.Parameters.Q, fit.Parameters.Q, 1e-5, "q");
        Published.Relative(gradientFit.Parameters.V, fit.Parameters.V, 1e-5, "v");
        Assert.Equal(gradientFit.LogLikelihood, fit.LogLikelihood, 1e-6);
    }

    [Fact]
    public void TotalWithGradient_Cdnow_MatchesCentralDifferences()
    {
        var model = new GammaGammaModel(new GammaGammaParameters(5, 3, 12));
        double[] p = [5, 3, 12];
        var gradient = new double[3];
        var rows = ReturningCustomers().ToList();

        double value = GammaGammaModel.TotalWithGradient(p[0], p[1], p[2], SpendData.From(rows), gradient);

        Assert.Equal(model.TotalLogLikelihood(rows), value, 1e-8);
        for (int i = 0; i < 3; i++)
        {
            double h = 1e-6 * p[i];
            double[] up = [.. p], down = [.. p];
            up[i] += h;
            down[i] -= h;
            double numeric = (new GammaGammaModel(new GammaGammaParameters(up[0], up[1], up[2])).TotalLogLikelihood(rows)
                - new GammaGammaModel(new GammaGammaParameters(down[0], down[1], down[2])).TotalLogLikelihood(rows)) / (2 * h);
            Published.Relative(numeric, gradient[i], 1e-5, $"∂/∂θ{i}");
        }
    }

    [Fact]
    public void Fit_FromCustomerSummaries_SkipsCustomersWithoutRepeats()
    {
        var summaries = CdnowData.SummaryWithTransactions()
            .Select(r => new CustomerSummary(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Frequency, r.Recency, r.T, r.MonetaryValue));

        var fromSummaries = GammaGammaModel.Fit(summaries);
        var fromRows = GammaGammaModel.Fit(ReturningCustomers());

        Assert.Equal(fromRows, fromSummaries);
    }

    [Fact]
    public void Fit_RowWithoutRepeatPurchases_Throws()
    {
        Assert.Throws<ArgumentException>(() => GammaGammaModel.Fit([new SpendRow(0, 10)]));
    }

    [Fact]
    public void ExpectedAverageOrderValue_NoRepeats_IsThePopulationMean()
    {
        var model = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));

        Assert.Equal(6.25 * 15.44 / 2.74, model.PopulationMeanOrderValue, 1e-12);
        Assert.Equal(model.PopulationMeanOrderValue, model.ExpectedAverageOrderValue(0, 0), 1e-12);
    }

    [Theory]
    [InlineData(1, 10.0)]
    [InlineData(5, 100.0)]
    [InlineData(50, 100.0)]
    public void ExpectedAverageOrderValue_LiesBetweenThePopulationMeanAndTheCustomersOwn(double x, double m)
    {
        var model = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
        double population = model.PopulationMeanOrderValue;

        double expected = model.ExpectedAverageOrderValue(x, m);

        Assert.InRange(expected, Math.Min(population, m), Math.Max(population, m));
    }

    [Fact]
    public void ExpectedAverageOrderValue_MorePurchases_MovesTowardsTheCustomersOwnMean()
    {
        var model = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));

        Assert.True(Math.Abs(model.ExpectedAverageOrderValue(20, 100) - 100) < Math.Abs(model.ExpectedAverageOrderValue(2, 100) - 100));
    }
}
