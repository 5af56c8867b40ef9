using Rekindle.Core.Intelligence.Numerics;
using static Rekindle.Core.Intelligence.Numerics.SpecialFunctions;

namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// The BG/NBD model of Fader, Hardie &amp; Lee (2005), "Counting Your Customers the Easy Way", with every formula
/// evaluated in log space so that frequencies in the thousands neither overflow nor turn into NaN.
/// </summary>
public sealed class BgNbdModel : IRepeatPurchaseModel
{
    // Where a − 1 divides by (almost) zero, the formulas are interpolated across a = 1 from this distance.
    private const double NearOneGap = 1e-6;

    public BgNbdModel(BgNbdParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
    }

    public BgNbdParameters Parameters { get; }

    /// <summary>Maximum-likelihood fit over all customers, from <paramref name="start"/> (default all ones).</summary>
    public static ModelFit<BgNbdParameters> Fit(
        GroupedSummaries data, BgNbdParameters? start = null, OptimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fit = LogParameterFit.Run(
            ["r", "alpha", "a", "b"],
            (start ?? BgNbdParameters.Ones).ToArray(),
            p => BgNbdLikelihood.Total(p[0], p[1], p[2], p[3], data),
            (p, gradient) => BgNbdLikelihood.TotalWithGradient(p[0], p[1], p[2], p[3], data, gradient),
            data.CustomerCount,
            options);
        return new ModelFit<BgNbdParameters>(
            BgNbdParameters.FromArray(fit.Parameters), fit.LogLikelihood, fit.Converged, fit.Iterations,
            fit.Evaluations, fit.Failure, fit.AtEdge);
    }

    /// <summary>Sum of the customers' log-likelihoods (FHL 2005 eq. 6).</summary>
    public double TotalLogLikelihood(GroupedSummaries data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (r, alpha, a, b) = Parameters;
        return BgNbdLikelihood.Total(r, alpha, a, b, data);
    }

    public double LogLikelihood(double frequency, double recency, double t)
    {
        GroupedSummaries.Validate(frequency, recency, t);
        var (r, alpha, a, b) = Parameters;
        return BgNbdLikelihood.Single(r, alpha, a, b, frequency, recency, t);
    }

    /// <summary>FHL 2005 eq. 13: 1 / (1 + δ(x &gt; 0) · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x)).</summary>
    public double ProbabilityAlive(double frequency, double recency, double t)
    {
        GroupedSummaries.Validate(frequency, recency, t);
        if (frequency == 0)
        {
            return 1.0;
        }

        var (r, alpha, a, b) = Parameters;
        double logOdds = Math.Log(a) - Math.Log(b + frequency - 1)
            + (r + frequency) * Log1P((t - recency) / (alpha + recency));
        return InverseOnePlusExp(logOdds);
    }

    /// <summary>
    /// FHL 2005 eq. 10 without its P(alive) denominator:
    /// (a + b + x − 1)/(a − 1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))], evaluated through
    /// Euler's transformation as 1 − ((α+T)/(α+T+t))^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose series converges
    /// fast for large x and whose power no longer grows with x. NaN when a + b + x ≤ 1 (the formula's ₂F₁ is
    /// undefined there).
    /// </summary>
    public double ExpectedPurchasesIfAlive(double horizon, double frequency, double t)
    {
        GroupedSummaries.Validate(frequency, 0, t);
        ValidateHorizon(horizon);
        var (r, alpha, a, b) = Parameters;
        if (Math.Abs(a - 1) >= NearOneGap)
        {
            return IfAlive(r, alpha, a, b, horizon, frequency, t);
        }

        double below = IfAlive(r, alpha, 1 - NearOneGap, b, horizon, frequency, t);
        double above = IfAlive(r, alpha, 1 + NearOneGap, b, horizon, frequency, t);
        return below + (a - (1 - NearOneGap)) / (2 * NearOneGap) * (above - below);
    }

    /// <summary>
    /// 1 − ((α + T)/(α + T + t))^(r + x): given alive at T, the purchase rate's posterior is Gamma(r + x, α + T)
    /// (the dropout coin is only tossed after a purchase, so it cannot stop the first one), and a Poisson process
    /// with that rate makes no purchase in t with probability ((α + T)/(α + T + t))^(r + x).
    /// </summary>
    public double ProbabilityOfPurchaseIfAlive(double horizon, double frequency, double t)
    {
        GroupedSummaries.Validate(frequency, 0, t);
        ValidateHorizon(horizon);
        var (r, alpha, _, _) = Parameters;
        return -ExpM1(-(r + frequency) * Log1P(horizon / (alpha + t)));
    }

    public double ConditionalExpectedPurchases(double horizon, double frequency, double recency, double t) =>
        ProbabilityAlive(frequency, recency, t) * ExpectedPurchasesIfAlive(horizon, frequency, t);

    /// <summary>FHL 2005 eq. 9: a customer just acquired is alive at age 0 with no repeats.</summary>
    public double ExpectedPurchases(double horizon) => ExpectedPurchasesIfAlive(horizon, 0, 0);

    private static double IfAlive(double r, double alpha, double a, double b, double horizon, double x, double t)
    {
        if (horizon == 0)
        {
            return 0;
        }

        double c = a + b + x - 1;
        if (!(c > 0))
        {
            return double.NaN;
        }

        double z = horizon / (alpha + t + horizon);
        double logOneMinusZ = -Log1P(horizon / (alpha + t));
        double logF = Hypergeometric.Log2F1(a + b - 1 - r, a - 1, c, z);
        double bracket = -ExpM1((a - 1) * logOneMinusZ + logF);
        return c / (a - 1) * bracket;
    }

    private static void ValidateHorizon(double horizon)
    {
        if (!double.IsFinite(horizon) || horizon < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "the horizon must be ≥ 0");
        }
    }
}
