namespace Rekindle.Core.Intelligence.Numerics;

/// <summary>
/// The few special functions the purchase models need, written here because .NET has no log-gamma and its
/// <c>ExpM1</c>/<c>LogP1</c> lose all precision near zero (they are computed as <c>Exp(x) - 1</c> and <c>Log(1 + x)</c>).
/// </summary>
public static class SpecialFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178032973640562;

    // Below this the recurrence Γ(x) = Γ(x + 1) / x lifts the argument; above it Stirling's series with the
    // terms used below is accurate to about one unit in the last place.
    private const double StirlingThreshold = 15.0;

    /// <summary>ln |Γ(x)|; +∞ at the poles (0, −1, −2, …).</summary>
    public static double LogGamma(double x) => LogGamma(x, out _);

    /// <summary>ln |Γ(x)| and the sign of Γ(x) (+1 or −1; 0 at a pole, where the result is +∞).</summary>
    public static double LogGamma(double x, out int sign)
    {
        sign = 1;
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return double.PositiveInfinity;
        }

        if (x <= 0)
        {
            if (x == Math.Floor(x))
            {
                sign = 0;
                return double.PositiveInfinity;
            }

            // Reflection: Γ(x) Γ(1 − x) = π / sin(πx), and Γ(1 − x) > 0 here.
            double s = SinPi(x);
            sign = s < 0 ? -1 : 1;
            return Math.Log(Math.PI / Math.Abs(s)) - LogGammaPositive(1 - x);
        }

        return LogGammaPositive(x);
    }

    private static double LogGammaPositive(double x)
    {
        if (x >= StirlingThreshold)
        {
            return Stirling(x);
        }

        // ln Γ(x) = ln Γ(x + n) − ln(x (x + 1) … (x + n − 1)); the product stays far from overflow.
        double product = 1;
        double shifted = x;
        while (shifted < StirlingThreshold)
        {
            product *= shifted;
            shifted += 1;
        }

        return Stirling(shifted) - Math.Log(product);
    }

    private static double Stirling(double x)
    {
        double inv = 1 / x;
        double inv2 = inv * inv;
        // Bernoulli terms B2k / (2k (2k − 1) x^(2k−1)), k = 1..7.
        double series = inv * (1.0 / 12 + inv2 * (-1.0 / 360 + inv2 * (1.0 / 1260 + inv2 * (-1.0 / 1680
            + inv2 * (1.0 / 1188 + inv2 * (-691.0 / 360360 + inv2 * (1.0 / 156)))))));
        return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + series;
    }

    /// <summary>ψ(x) = d ln Γ(x) / dx for x &gt; 0 (the likelihood gradients need it only there); NaN otherwise.</summary>
    public static double Digamma(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
        {
            return double.IsPositiveInfinity(x) ? x : double.NaN;
        }

        // ψ(x) = ψ(x + 1) − 1/x lifts x to where the asymptotic series is accurate to rounding.
        double shift = 0;
        while (x < 12)
        {
            shift -= 1 / x;
            x += 1;
        }

        double inv2 = 1 / (x * x);
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132)))));
        return shift + Math.Log(x) - 0.5 / x - series;
    }

    /// <summary>sin(πx), exact at the integers (where <c>Math.Sin(Math.PI * x)</c> is not).</summary>
    public static double SinPi(double x)
    {
        double r = x - 2 * Math.Round(x / 2); // r in [−1, 1]
        if (r > 0.5)
        {
            r = 1 - r;
        }
        else if (r < -0.5)
        {
            r = -1 - r;
        }

        return Math.Sin(Math.PI * r);
    }

    /// <summary>e^x − 1, accurate also when x is close to 0.</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            return x + x * x / 2 + x * x * x / 6;
        }

        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        double um1 = u - 1.0;
        if (um1 == -1.0 || double.IsPositiveInfinity(u))
        {
            return um1;
        }

        // Kahan's correction: the rounding error of u cancels between (u − 1) and ln u.
        return um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 + x), accurate also when x is close to 0.</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        if (double.IsPositiveInfinity(u))
        {
            return u;
        }

        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>ln(e^a + e^b) without overflow; −∞ terms are allowed.</summary>
    public static double LogSumExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        return a > b ? a + Log1P(Math.Exp(b - a)) : b + Log1P(Math.Exp(a - b));
    }

    /// <summary>ln(e^a − e^b) for b ≤ a; −∞ when they are equal, NaN when b &gt; a.</summary>
    public static double LogDiffExp(double a, double b)
    {
        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        if (b > a)
        {
            return double.NaN;
        }

        if (b == a)
        {
            return double.NegativeInfinity;
        }

        return a + Log1MExp(b - a);
    }

    /// <summary>ln(1 − e^d) for d &lt; 0, choosing the form that keeps precision (Mächler 2012).</summary>
    public static double Log1MExp(double d)
    {
        return d > -0.6931471805599453 ? Math.Log(-ExpM1(d)) : Log1P(-Math.Exp(d));
    }

    /// <summary>1 / (1 + e^x): a logistic that gives exactly 0 or 1 at the extremes instead of NaN.</summary>
    public static double InverseOnePlusExp(double x)
    {
        return x >= 0 ? Math.Exp(-x) / (1 + Math.Exp(-x)) : 1 / (1 + Math.Exp(x));
    }
}
