namespace Rekindle.Core.Intelligence.Numerics;

/// <summary>
/// ln ∫₀^∞ e^(−k·u) (1 − z·e^(−u))^(−p) du for k &gt; 0, p ≥ 0 and 0 ≤ z &lt; 1 — Euler's integral of
/// ₂F₁(k, p; k + 1; z) / k, which is what the Pareto/NBD likelihood needs where the power series is hopeless: with
/// a frequent buyer (k in the hundreds) and z close to 1 it takes hundreds of thousands of terms per customer, and an
/// optimiser passing through such parameters would spend hours on one fit.
/// </summary>
/// <remarks>
/// The integrand falls monotonically from u = 0. It changes fastest near 0, on the scale min(1/k, (1 − z)/p), so the
/// half-line is cut into intervals that start a quarter of that scale long and double, each integrated by 16-point
/// Gauss–Legendre in log space, until the integrand has fallen e^60 below its value at 0.
/// </remarks>
public static class DecayIntegral
{
    private const double NegligibleLog = 60;
    private const int MaxIntervals = 400;

    public static double Log(double k, double p, double z)
    {
        if (!(k > 0) || !(p >= 0) || !(z >= 0 && z < 1))
        {
            return double.NaN;
        }

        double LogIntegrand(double u) => -k * u - p * SpecialFunctions.Log1P(-z * Math.Exp(-u));
        double top = LogIntegrand(0);
        double width = Math.Min(1 / k, (1 - z) / Math.Max(1, p)) / 4;
        double from = 0, total = double.NegativeInfinity;
        for (int i = 0; i < MaxIntervals; i++, from += width, width *= 2)
        {
            total = SpecialFunctions.LogSumExp(total, GaussLegendre.LogIntegrate(LogIntegrand, from, from + width, short16: true));
            if (LogIntegrand(from + width) < top - NegligibleLog)
            {
                return total;
            }
        }

        return double.NaN;
    }
}
