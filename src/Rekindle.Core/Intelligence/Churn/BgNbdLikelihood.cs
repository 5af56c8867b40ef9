using Rekindle.Core.Intelligence.Numerics;
using static Rekindle.Core.Intelligence.Numerics.SpecialFunctions;

namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// The BG/NBD log-likelihood (FHL 2005 eq. 6) of one customer:
/// ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
///        + ln[ (α+T)^−(r+x) + δ(x&gt;0) · a/(b+x−1) · (α+t_x)^−(r+x) ],
/// the last bracket by log-sum-exp so that no power is ever formed.
/// </summary>
internal static class BgNbdLikelihood
{
    public static double Single(double r, double alpha, double a, double b, double x, double recency, double t)
    {
        return XPart(r, alpha, a, b, x) + TimePart(r, x, Math.Log(alpha + t), LogOdds(a, b, x), Math.Log(alpha + recency));
    }

    public static double Total(double r, double alpha, double a, double b, GroupedSummaries data)
    {
        // Everything that depends on x alone, or on one time value alone, once per distinct value.
        var frequencies = data.DistinctFrequencies;
        var xPart = new double[frequencies.Length];
        var logOdds = new double[frequencies.Length];
        for (int i = 0; i < frequencies.Length; i++)
        {
            xPart[i] = XPart(r, alpha, a, b, frequencies[i]);
            logOdds[i] = LogOdds(a, b, frequencies[i]);
        }

        var times = data.Times;
        var logAlphaPlus = new double[times.Length];
        for (int i = 0; i < times.Length; i++)
        {
            logAlphaPlus[i] = Math.Log(alpha + times[i]);
        }

        var rows = data.Rows;
        var frequencyIndex = data.FrequencyIndex;
        var timeIndex = data.TimeIndex;
        var recencyIndex = data.RecencyIndex;
        return ChunkedSum.Sum(rows.Length, (start, end) =>
        {
            double sum = 0;
            for (int i = start; i < end; i++)
            {
                int f = frequencyIndex[i];
                double term = xPart[f] + TimePart(
                    r, rows[i].Frequency, logAlphaPlus[timeIndex[i]], logOdds[f], logAlphaPlus[recencyIndex[i]]);
                sum += rows[i].Weight * term;
            }

            return sum;
        });
    }

    /// <summary>
    /// The total and its gradient with respect to (r, α, a, b), written into <paramref name="gradient"/>. With w the
    /// share of the "dropped out after the last purchase" term in the bracket:
    /// ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−w) ln(α+T) − w ln(α+t_x);
    /// ∂/∂α = r/α − (r+x) [(1−w)/(α+T) + w/(α+t_x)];
    /// ∂/∂a = ψ(a+b) − ψ(a+b+x) + w/a;  ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − w/(b+x−1).
    /// </summary>
    public static double TotalWithGradient(double r, double alpha, double a, double b, GroupedSummaries data, double[] gradient)
    {
        var frequencies = data.DistinctFrequencies;
        int count = frequencies.Length;
        var xPart = new double[count];
        var logOdds = new double[count];
        var dR = new double[count];
        var dA = new double[count];
        var dB = new double[count];
        var invB = new double[count];
        double psiR = Digamma(r), psiAB = Digamma(a + b), psiB = Digamma(b), logAlpha = Math.Log(alpha);
        for (int i = 0; i < count; i++)
        {
            double x = frequencies[i];
            xPart[i] = XPart(r, alpha, a, b, x);
            logOdds[i] = LogOdds(a, b, x);
            double psiABX = Digamma(a + b + x);
            dR[i] = Digamma(r + x) - psiR + logAlpha;
            dA[i] = psiAB - psiABX;
            dB[i] = psiAB + Digamma(b + x) - psiB - psiABX;
            invB[i] = x > 0 ? 1 / (b + x - 1) : 0;
        }

        var times = data.Times;
        var logAlphaPlus = new double[times.Length];
        var invAlphaPlus = new double[times.Length];
        for (int i = 0; i < times.Length; i++)
        {
            logAlphaPlus[i] = Math.Log(alpha + times[i]);
            invAlphaPlus[i] = 1 / (alpha + times[i]);
        }

        var rows = data.Rows;
        var frequencyIndex = data.FrequencyIndex;
        var timeIndex = data.TimeIndex;
        var recencyIndex = data.RecencyIndex;
        double invA = 1 / a, rOverAlpha = r / alpha;
        var sums = ChunkedSum.Sum(rows.Length, 5, (start, end, acc) =>
        {
            double ll = 0, gr = 0, galpha = 0, ga = 0, gb = 0;
            for (int i = start; i < end; i++)
            {
                int f = frequencyIndex[i], ti = timeIndex[i], ri = recencyIndex[i];
                double x = rows[i].Frequency, weight = rows[i].Weight;
                double aliveTerm = -(r + x) * logAlphaPlus[ti];
                double bracket = aliveTerm, w = 0;
                if (x > 0)
                {
                    double d = logOdds[f] - (r + x) * logAlphaPlus[ri] - aliveTerm;
                    if (d > 0)
                    {
                        double e = Math.Exp(-d);
                        bracket = aliveTerm + d + Math.Log(1 + e);
                        w = 1 / (1 + e);
                    }
                    else
                    {
                        double e = Math.Exp(d);
                        bracket = aliveTerm + Math.Log(1 + e);
                        w = e / (1 + e);
                    }
                }

                ll += weight * (xPart[f] + bracket);
                gr += weight * (dR[f] - (1 - w) * logAlphaPlus[ti] - w * logAlphaPlus[ri]);
                galpha += weight * (rOverAlpha - (r + x) * ((1 - w) * invAlphaPlus[ti] + w * invAlphaPlus[ri]));
                ga += weight * (dA[f] + w * invA);
                gb += weight * (dB[f] - w * invB[f]);
            }

            acc[0] = ll;
            acc[1] = gr;
            acc[2] = galpha;
            acc[3] = ga;
            acc[4] = gb;
        });

        Array.Copy(sums, 1, gradient, 0, 4);
        return sums[0];
    }

    // ln Γ(r+x) − ln Γ(r) + r ln α + ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x)
    private static double XPart(double r, double alpha, double a, double b, double x) =>
        LogGamma(r + x) - LogGamma(r) + r * Math.Log(alpha)
        + LogGamma(a + b) + LogGamma(b + x) - LogGamma(b) - LogGamma(a + b + x);

    // ln(a / (b + x − 1)): the weight of "dropped out right after the last purchase"; unused when x = 0.
    private static double LogOdds(double a, double b, double x) =>
        x > 0 ? Math.Log(a) - Math.Log(b + x - 1) : double.NegativeInfinity;

    private static double TimePart(double r, double x, double logAlphaPlusT, double logOdds, double logAlphaPlusRecency)
    {
        double aliveTerm = -(r + x) * logAlphaPlusT;
        if (x == 0)
        {
            return aliveTerm;
        }

        return LogSumExp(aliveTerm, logOdds - (r + x) * logAlphaPlusRecency);
    }
}
