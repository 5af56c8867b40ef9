using Rekindle.Core.Intelligence.Numerics;
using static Rekindle.Core.Intelligence.Numerics.SpecialFunctions;

namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987) with the likelihood and conditional expressions
/// of Fader &amp; Hardie (2005), evaluated in log space.
/// </summary>
public sealed class ParetoNbdModel : IRepeatPurchaseModel
{
    public ParetoNbdModel(ParetoNbdParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
    }

    public ParetoNbdParameters Parameters { get; }

    /// <summary>Maximum-likelihood fit over all customers, from <paramref name="start"/> (default all ones).</summary>
    public static ModelFit<ParetoNbdParameters> Fit(
        GroupedSummaries data, ParetoNbdParameters? start = null, OptimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fit = LogParameterFit.Run(
            ["r", "alpha", "s", "beta"],
            (start ?? ParetoNbdParameters.Ones).ToArray(),
            p => ParetoNbdLikelihood.Total(p[0], p[1], p[2], p[3], data),
            null,
            data.CustomerCount,
            options);
        return new ModelFit<ParetoNbdParameters>(
            ParetoNbdParameters.FromArray(fit.Parameters), fit.LogLikelihood, fit.Converged, fit.Iterations,
            fit.Evaluations, fit.Failure, fit.AtEdge);
    }

    public double TotalLogLikelihood(GroupedSummaries data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (r, alpha, s, beta) = Parameters;
        return ParetoNbdLikelihood.Total(r, alpha, s, beta, data);
    }

    public double LogLikelihood(double frequency, double recency, double t)
    {
        GroupedSummaries.Validate(frequency, recency, t);
        var (r, alpha, s, beta) = Parameters;
        return ParetoNbdLikelihood.Single(r, alpha, s, beta, frequency, recency, t).LogLikelihood;
    }

    /// <summary>The "alive at T" share of the likelihood (Fader &amp; Hardie 2005, eq. 18).</summary>
    public double ProbabilityAlive(double frequency, double recency, double t)
    {
        GroupedSummaries.Validate(frequency, recency, t);
        var (r, alpha, s, beta) = Parameters;
        var (logLikelihood, logAlive) = ParetoNbdLikelihood.Single(r, alpha, s, beta, frequency, recency, t);
        return Math.Min(1.0, Math.Exp(logAlive - logLikelihood));
    }

    /// <summary>
    /// (r + x)(β + T) / ((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s − 1)] (Fader &amp; Hardie 2005, eq. 21
    /// without P(alive)); the bracket over (s − 1) is formed with expm1 so that s = 1 gives its limit
    /// (β + T) ln((β + T + t)/(β + T)) instead of 0/0.
    /// </summary>
    public double ExpectedPurchasesIfAlive(double horizon, double frequency, double t)
    {
        GroupedSummaries.Validate(frequency, 0, t);
        if (!double.IsFinite(horizon) || horizon < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "the horizon must be ≥ 0");
        }

        var (r, alpha, s, beta) = Parameters;
        return (r + frequency) / (alpha + t) * (beta + t) * ShrunkLogGrowth(s - 1, Log1P(horizon / (beta + t)));
    }

    /// <summary>
    /// Given alive at T, λ ~ Gamma(r + x, α + T) and μ ~ Gamma(s, β + T) independently, and the customer buys in
    /// (T, T + t] when the first purchase comes before dropout: E[λ/(λ+μ) (1 − e^(−(λ+μ)t))]. Writing
    /// (1 − e^(−(λ+μ)t))/(λ+μ) as ∫₀ᵗ e^(−(λ+μ)u) du and taking the expectations inside gives
    /// ∫₀ᵗ (a/b)(b/(b+u))^(a+1) (d/(d+u))^s du with a = r + x, b = α + T, d = β + T: one smooth integral,
    /// evaluated by Gauss–Legendre quadrature.
    /// </summary>
    public double ProbabilityOfPurchaseIfAlive(double horizon, double frequency, double t)
    {
        GroupedSummaries.Validate(frequency, 0, t);
        if (!double.IsFinite(horizon) || horizon < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "the horizon must be ≥ 0");
        }

        var (r, alpha, s, beta) = Parameters;
        double a = r + frequency, b = alpha + t, d = beta + t;
        double p = GaussLegendre.Integrate(
            u => Math.Exp(Math.Log(a / b) - (a + 1) * Log1P(u / b) - s * Log1P(u / d)), 0, horizon);
        return Math.Clamp(p, 0, 1);
    }

    public double ConditionalExpectedPurchases(double horizon, double frequency, double recency, double t) =>
        ProbabilityAlive(frequency, recency, t) * ExpectedPurchasesIfAlive(horizon, frequency, t);

    /// <summary>E[X(t)] = rβ / (α(s − 1)) · [1 − (β/(β + t))^(s − 1)]: a new customer, alive at age 0.</summary>
    public double ExpectedPurchases(double horizon) => ExpectedPurchasesIfAlive(horizon, 0, 0);

    // (1 − e^(−m·L)) / m, and L at m = 0.
    private static double ShrunkLogGrowth(double m, double logGrowth) =>
        m == 0 ? logGrowth : -ExpM1(-m * logGrowth) / m;
}
