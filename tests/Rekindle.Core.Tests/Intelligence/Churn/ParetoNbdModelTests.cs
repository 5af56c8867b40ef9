using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Numerics;

namespace Rekindle.Core.Tests.Intelligence.Churn;

public class ParetoNbdModelTests
{
    private static readonly ParetoNbdParameters Published2005 = new(0.553, 10.578, 0.606, 11.669);

    [Fact]
    public void Fit_CdnowFromAllOnes_ReproducesThePublishedParametersAndLogLikelihood()
    {
        var fit = ParetoNbdModel.Fit(CdnowData.Grouped(CdnowData.Summary()));

        // EXPECTED.md §3 (FHL2005, CLVTools: testthat relative 0.001).
        Assert.True(fit.Converged, fit.Failure);
        var p = fit.Parameters;
        Published.TestthatEqual([0.553, 10.578, 0.606, 11.669], [p.R, p.Alpha, p.S, p.Beta], 0.001, "FHL2005 parameters");
        Published.Relative(-9595.0, fit.LogLikelihood, 0.001, "FHL2005");
        Published.Relative(-9594.976, fit.LogLikelihood, 0.001, "CLVTools");
    }

    [Fact]
    public void Fit_CdnowWithNelderMeadOnly_ReachesTheSameMaximum()
    {
        var data = CdnowData.Grouped(CdnowData.Summary());
        var gradientFit = ParetoNbdModel.Fit(data);

        var fit = ParetoNbdModel.Fit(data, options: new OptimizerOptions { NelderMeadOnly = true });

        Assert.True(fit.Converged, fit.Failure);
        Published.Relative(gradientFit.Parameters.R, fit.Parameters.R, 1e-4, "r");
        Published.Relative(gradientFit.Parameters.Alpha, fit.Parameters.Alpha, 1e-4, "alpha");
        Published.Relative(gradientFit.Parameters.S, fit.Parameters.S, 1e-4, "s");
        Published.Relative(gradientFit.Parameters.Beta, fit.Parameters.Beta, 1e-4, "beta");
        Assert.Equal(gradientFit.LogLikelihood, fit.LogLikelihood, 1e-6);
    }

    public static TheoryData<double, double, double, double, double, double, double> Histories()
    {
        var data = new TheoryData<double, double, double, double, double, double, double>();
        (double, double, double, double)[] parameterSets =
        [
            (0.553, 10.578, 0.606, 11.669), // α < β, CDNOW
            (0.55, 12, 0.6, 10), // α ≥ β
            (0.8, 1, 1.5, 30), // α ≪ β: hypergeometric argument up to 0.97
            (0.8, 30, 1.0, 0.5), // α ≫ β, s = 1: argument up to 0.98
        ];
        (double, double, double)[] histories = [(0, 0, 30), (1, 5, 30), (5, 20, 39), (50, 30, 39), (3, 39, 39)];
        foreach (var (r, alpha, s, beta) in parameterSets)
        {
            foreach (var (x, tx, t) in histories)
            {
                data.Add(r, alpha, s, beta, x, tx, t);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Histories))]
    public void LogLikelihood_ClosedForm_AgreesWithNumericalIntegrationOfTheDeathTime(
        double r, double alpha, double s, double beta, double x, double tx, double t)
    {
        var model = new ParetoNbdModel(new ParetoNbdParameters(r, alpha, s, beta));

        Assert.Equal(IntegratedLogLikelihood(r, alpha, s, beta, x, tx, t), model.LogLikelihood(x, tx, t), 1e-8);
    }

    [Fact]
    public void ProbabilityAlive_LastPurchaseAtTheEnd_IsExactlyOne()
    {
        var model = new ParetoNbdModel(Published2005);

        Assert.Equal(1.0, model.ProbabilityAlive(3, 39, 39));
        Assert.Equal(1.0, model.ProbabilityAlive(0, 0, 0));
    }

    [Fact]
    public void ProbabilityAlive_ThousandPurchasesThenNinetyWeeksOfSilence_IsZeroWithoutOverflow()
    {
        var model = new ParetoNbdModel(Published2005);

        double alive = model.ProbabilityAlive(1000, 10, 100);

        Assert.InRange(alive, 0.0, 1e-100);
        Assert.True(double.IsFinite(model.LogLikelihood(1000, 10, 100)));
        Assert.True(double.IsFinite(model.ConditionalExpectedPurchases(10, 1000, 10, 100)));
    }

    [Fact]
    public void ProbabilityAlive_LongerSilence_IsLower()
    {
        var model = new ParetoNbdModel(Published2005);

        var values = new[] { 10.0, 20, 30, 40 }.Select(t => model.ProbabilityAlive(4, 10, t)).ToArray();

        Assert.All(values, v => Assert.InRange(v, 0.0, 1.0));
        Assert.True(values.Zip(values.Skip(1)).All(pair => pair.First > pair.Second), string.Join(", ", values));
    }

    [Fact]
    public void ExpectedPurchasesIfAlive_SEqualToOne_IsTheLogarithmicLimit()
    {
        var model = new ParetoNbdModel(new ParetoNbdParameters(0.5, 10, 1, 12));
        double limit = (0.5 + 3) / (10 + 30) * (12 + 30) * Math.Log((12 + 30 + 52.0) / (12 + 30));

        Assert.Equal(limit, model.ExpectedPurchasesIfAlive(52, 3, 30), 1e-12);
        double nearby = new ParetoNbdModel(new ParetoNbdParameters(0.5, 10, 1 + 1e-9, 12)).ExpectedPurchasesIfAlive(52, 3, 30);
        Published.Relative(limit, nearby, 1e-8);
    }

    [Fact]
    public void ConditionalExpectedPurchases_IsProbabilityAliveTimesTheAliveExpectation()
    {
        var model = new ParetoNbdModel(Published2005);

        Assert.Equal(
            model.ProbabilityAlive(2, 30.43, 38.86) * model.ExpectedPurchasesIfAlive(39, 2, 38.86),
            model.ConditionalExpectedPurchases(39, 2, 30.43, 38.86));
    }

    // ln L from its definition: alive through T, or died at τ in (t_x, T], the latter integrated by Simpson's rule.
    private static double IntegratedLogLikelihood(double r, double alpha, double s, double beta, double x, double tx, double t)
    {
        double prefix = SpecialFunctions.LogGamma(r + x) - SpecialFunctions.LogGamma(r) + r * Math.Log(alpha) + s * Math.Log(beta);
        double alive = -(r + x) * Math.Log(alpha + t) - s * Math.Log(beta + t);
        if (t == tx)
        {
            return prefix + alive;
        }

        double LogIntegrand(double tau) => -(r + x) * Math.Log(alpha + tau) - (s + 1) * Math.Log(beta + tau);
        const int intervals = 200_000;
        double h = (t - tx) / intervals;
        double peak = LogIntegrand(tx);
        double sum = 0;
        for (int i = 0; i <= intervals; i++)
        {
            double weight = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * Math.Exp(LogIntegrand(tx + i * h) - peak);
        }

        double died = Math.Log(s) + peak + Math.Log(sum * h / 3);
        return prefix + SpecialFunctions.LogSumExp(alive, died);
    }
}
