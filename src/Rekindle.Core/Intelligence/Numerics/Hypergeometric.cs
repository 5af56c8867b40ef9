namespace Rekindle.Core.Intelligence.Numerics;

/// <summary>
/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z &lt; 1, evaluated in log space
/// so that the huge and tiny values the purchase models produce (frequencies in the thousands) neither overflow nor
/// underflow.
/// </summary>
/// <remarks>
/// Strategy (Abramowitz &amp; Stegun 15.3.3–15.3.6):
/// <list type="bullet">
/// <item>z &lt; 0: Pfaff's transformation maps z to z / (z − 1) in (0, 1).</item>
/// <item>0 &lt; z &lt; 1: the power series, after Euler's transformation when c − a − b &lt; 0 (the transformed terms
/// then decay polynomially instead of growing), with the running sum rescaled so it cannot overflow.</item>
/// <item>z &gt; 0.8, where the series needs hundreds to thousands of terms: the 1 − z transformation, when the
/// parameters are small enough (|a|, |b|, |c| ≤ 40) for its two terms not to cancel catastrophically; when c − a − b
/// is (nearly) an integer, where that transformation is singular, the value is interpolated through four nearby
/// non-integer points (relative error about 1e-11). Larger parameters keep the series, which in the models' uses converges quickly
/// because the denominator parameter grows with the frequency; it is capped at two million terms (then NaN).</item>
/// </list>
/// </remarks>
public static class Hypergeometric
{
    private const double SeriesEpsilon = 1e-17;
    private const double NearOne = 0.8;
    private const int MaxSeriesTerms = 2_000_000;
    private const double ModerateParameter = 40;
    private const double IntegerGap = 5e-5;

    // Rescaling keeps the running sum representable; the factor is added back in log space.
    private const double RescaleAbove = 1e250;
    private static readonly double LogRescale = Math.Log(RescaleAbove);

    /// <summary>ln ₂F₁(a, b; c; z); NaN when z ≥ 1, c is a pole, the value is not positive or the series failed.</summary>
    public static double Log2F1(double a, double b, double c, double z)
    {
        var (log, sign) = Evaluate(a, b, c, z);
        return sign > 0 ? log : double.NaN;
    }

    /// <summary>₂F₁(a, b; c; z); may overflow to ±∞ where <see cref="Log2F1"/> would not.</summary>
    public static double Value(double a, double b, double c, double z)
    {
        var (log, sign) = Evaluate(a, b, c, z);
        return sign == 0 ? (double.IsNaN(log) ? double.NaN : 0.0) : sign * Math.Exp(log);
    }

    /// <summary>(ln |₂F₁|, sign); sign 0 with log −∞ is the value 0, sign 0 with NaN is a failure.</summary>
    internal static (double Log, int Sign) Evaluate(double a, double b, double c, double z)
    {
        if (double.IsNaN(a) || double.IsNaN(b) || double.IsNaN(c) || double.IsNaN(z) || z >= 1
            || double.IsInfinity(a) || double.IsInfinity(b) || double.IsInfinity(c) || double.IsInfinity(z))
        {
            return Failure;
        }

        if (a == 0 || b == 0 || z == 0)
        {
            return (0, 1);
        }

        if (c <= 0 && c == Math.Floor(c))
        {
            return Failure;
        }

        if (z < 0)
        {
            // Pfaff: F(a, b; c; z) = (1 − z)^(−a) F(a, c − b; c; z / (z − 1)). Either parameter may be kept; keeping
            // the smaller one in absolute value keeps the prefactor and the new series tamer.
            double w = z / (z - 1);
            double log1mz = Math.Log(1 - z);
            var (keep, other) = Math.Abs(a) <= Math.Abs(b) ? (a, b) : (b, a);
            var (log, sign) = EvaluateUnitInterval(keep, c - other, c, w);
            return (log - keep * log1mz, sign);
        }

        return EvaluateUnitInterval(a, b, c, z);
    }

    private static (double Log, int Sign) Failure => (double.NaN, 0);

    private static (double Log, int Sign) EvaluateUnitInterval(double a, double b, double c, double z)
    {
        bool moderate = Math.Max(Math.Abs(a), Math.Max(Math.Abs(b), Math.Abs(c))) <= ModerateParameter;
        if (z > NearOne && moderate)
        {
            var transformed = OneMinusZ(a, b, c, z);
            if (!double.IsNaN(transformed.Log))
            {
                return transformed;
            }
        }

        return SeriesWithEuler(a, b, c, z, MaxSeriesTerms);
    }

    private static (double Log, int Sign) SeriesWithEuler(double a, double b, double c, double z, int maxTerms)
    {
        double m = c - a - b;
        if (m >= 0)
        {
            return Series(a, b, c, z, maxTerms);
        }

        // Euler: F(a, b; c; z) = (1 − z)^(c − a − b) F(c − a, c − b; c; z).
        var (log, sign) = Series(c - a, c - b, c, z, maxTerms);
        return (log + m * Math.Log(1 - z), sign);
    }

    /// <summary>The plain power series Σ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ in log space; NaN if it did not converge.</summary>
    internal static (double Log, int Sign) Series(double a, double b, double c, double z, int maxTerms)
    {
        double sum = 1;
        double term = 1;
        double logScale = 0;
        for (int n = 0; n < maxTerms; n++)
        {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            if (term == 0)
            {
                return Finish(sum, logScale);
            }

            if (Math.Abs(sum) > RescaleAbove || Math.Abs(term) > RescaleAbove)
            {
                sum /= RescaleAbove;
                term /= RescaleAbove;
                logScale += LogRescale;
            }

            if (Math.Abs(term) <= SeriesEpsilon * Math.Abs(sum))
            {
                // Stop only once every factor is positive and the terms shrink geometrically: before that a small
                // term can be followed by large ones (a parameter close to a negative integer).
                int k = n + 1;
                if (a + k > 0 && b + k > 0 && c + k > 0)
                {
                    double next = Math.Abs((a + k) * (b + k) / ((c + k) * (k + 1)) * z);
                    double q = Math.Max(next, Math.Abs(z));
                    if (q < 1 && Math.Abs(term) * q / (1 - q) <= 1e-16 * Math.Abs(sum))
                    {
                        return Finish(sum, logScale);
                    }
                }
            }
        }

        return Failure;
    }

    private static (double Log, int Sign) Finish(double sum, double logScale)
    {
        if (sum == 0)
        {
            return (double.NegativeInfinity, 0);
        }

        return (Math.Log(Math.Abs(sum)) + logScale, sum > 0 ? 1 : -1);
    }

    private static (double Log, int Sign) OneMinusZ(double a, double b, double c, double z)
    {
        double m = c - a - b;
        double k = Math.Round(m);
        if (Math.Abs(m - k) >= IntegerGap)
        {
            return OneMinusZNonInteger(a, b, c, z);
        }

        // Γ(m) and Γ(−m) have poles at the integers, where the two terms' singular parts cancel; the function itself
        // is smooth in c, so interpolate (cubic Lagrange) through four points at k ± h, k ± 2h. Near z = 1 its
        // derivatives grow like ln(1 − z)ⁿ, which a two-point line would not follow.
        const double h = 2 * IntegerGap;
        ReadOnlySpan<double> offsets = [-2 * h, -h, h, 2 * h];
        Span<double> logs = stackalloc double[4];
        Span<int> signs = stackalloc int[4];
        double scale = double.NegativeInfinity;
        for (int i = 0; i < 4; i++)
        {
            var (log, sign) = OneMinusZNonInteger(a, b, c + (k + offsets[i] - m), z);
            if (double.IsNaN(log))
            {
                return Failure;
            }

            (logs[i], signs[i]) = (log, sign);
            scale = Math.Max(scale, log);
        }

        double value = 0;
        double at = m - k;
        for (int i = 0; i < 4; i++)
        {
            double weight = 1;
            for (int j = 0; j < 4; j++)
            {
                if (j != i)
                {
                    weight *= (at - offsets[j]) / (offsets[i] - offsets[j]);
                }
            }

            value += weight * signs[i] * Math.Exp(logs[i] - scale);
        }

        return value == 0 ? (double.NegativeInfinity, 0) : (Math.Log(Math.Abs(value)) + scale, value > 0 ? 1 : -1);
    }

    // A&S 15.3.6: F(a,b;c;z) = Γ(c)Γ(m)/(Γ(c−a)Γ(c−b)) F(a, b; 1−m; 1−z)
    //                         + (1−z)^m Γ(c)Γ(−m)/(Γ(a)Γ(b)) F(c−a, c−b; 1+m; 1−z),   m = c − a − b.
    private static (double Log, int Sign) OneMinusZNonInteger(double a, double b, double c, double z)
    {
        double m = c - a - b;
        double w = 1 - z;
        double logGammaC = SpecialFunctions.LogGamma(c, out int signC);

        var first = Term(logGammaC, signC, m, c - a, c - b, a, b, 1 - m, w, 0);
        var second = Term(logGammaC, signC, -m, a, b, c - a, c - b, 1 + m, w, m * Math.Log(w));
        if (double.IsNaN(first.Log) || double.IsNaN(second.Log))
        {
            return Failure;
        }

        return AddSigned(first, second);
    }

    private static (double Log, int Sign) Term(
        double logGammaC, int signC, double gammaTop, double gammaBottom1, double gammaBottom2,
        double sa, double sb, double sc, double w, double logPrefactor)
    {
        double logTop = SpecialFunctions.LogGamma(gammaTop, out int signTop);
        double logB1 = SpecialFunctions.LogGamma(gammaBottom1, out int signB1);
        double logB2 = SpecialFunctions.LogGamma(gammaBottom2, out int signB2);
        if (signB1 == 0 || signB2 == 0)
        {
            return (double.NegativeInfinity, 0); // 1/Γ at a pole is 0: the term vanishes
        }

        var (logSeries, signSeries) = SeriesWithEuler(sa, sb, sc, w, MaxSeriesTerms);
        if (double.IsNaN(logSeries))
        {
            return Failure;
        }

        double log = logGammaC + logTop - logB1 - logB2 + logSeries + logPrefactor;
        return (log, signC * signTop * signB1 * signB2 * signSeries);
    }

    private static (double Log, int Sign) AddSigned((double Log, int Sign) x, (double Log, int Sign) y)
    {
        if (x.Sign == 0)
        {
            return y;
        }

        if (y.Sign == 0)
        {
            return x;
        }

        if (x.Sign == y.Sign)
        {
            return (SpecialFunctions.LogSumExp(x.Log, y.Log), x.Sign);
        }

        if (x.Log == y.Log)
        {
            return (double.NegativeInfinity, 0);
        }

        return x.Log > y.Log
            ? (SpecialFunctions.LogDiffExp(x.Log, y.Log), x.Sign)
            : (SpecialFunctions.LogDiffExp(y.Log, x.Log), y.Sign);
    }
}
