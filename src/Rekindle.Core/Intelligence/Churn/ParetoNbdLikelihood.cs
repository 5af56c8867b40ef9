using Rekindle.Core.Intelligence.Numerics;
using static Rekindle.Core.Intelligence.Numerics.SpecialFunctions;

namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// The Pareto/NBD log-likelihood in the closed form of Fader &amp; Hardie (2005, "A Note on Deriving the Pareto/NBD
/// Model and Related Expressions", eq. 22):
/// L = Γ(r+x) α^r β^s / Γ(r) · { (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · [G(t_x) − G(T)] },
/// where G(t) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+t)) / (α+t)^(r+s+x) when α ≥ β, and
/// G(t) = ₂F₁(r+s+x, r+x; r+s+x+1; (β−α)/(β+t)) / (β+t)^(r+s+x) otherwise (the two are Pfaff transforms of each
/// other; the split keeps the argument in [0, 1)). The first term is "alive at T", the second "died in (t_x, T]".
/// </summary>
internal static class ParetoNbdLikelihood
{
    // Beyond these the hypergeometric series is slow (its 1 − z transformation is only used for small parameters).
    private const double SeriesParameterLimit = 40;
    private const double SeriesArgumentLimit = 0.9;

    /// <summary>(ln L, ln of the "alive at T" part of L) of one customer.</summary>
    public static (double LogLikelihood, double LogAlive) Single(
        double r, double alpha, double s, double beta, double x, double recency, double t)
    {
        double prefix = Prefix(r, alpha, s, beta, x);
        double alive = AliveTerm(r, s, x, Math.Log(alpha + t), Math.Log(beta + t));
        double died = DiedTerm(LogShare(r, s, x), LogG(r, alpha, s, beta, x, recency), LogG(r, alpha, s, beta, x, t));
        return (prefix + LogSumExp(alive, died), prefix + alive);
    }

    public static double Total(double r, double alpha, double s, double beta, GroupedSummaries data)
    {
        var frequencies = data.DistinctFrequencies;
        var prefix = new double[frequencies.Length];
        var logShare = new double[frequencies.Length];
        for (int i = 0; i < frequencies.Length; i++)
        {
            prefix[i] = Prefix(r, alpha, s, beta, frequencies[i]);
            logShare[i] = LogShare(r, s, frequencies[i]);
        }

        var times = data.Times;
        var logAlphaPlus = new double[times.Length];
        var logBetaPlus = new double[times.Length];
        for (int i = 0; i < times.Length; i++)
        {
            logAlphaPlus[i] = Math.Log(alpha + times[i]);
            logBetaPlus[i] = Math.Log(beta + times[i]);
        }

        // The hypergeometric part, once per distinct (x, time) pair; it is the expensive one.
        var pairs = data.Pairs;
        var (pairFrequency, pairTime, ofRecency, ofT) = (pairs.FrequencyIndex, pairs.TimeIndex, pairs.OfRecency, pairs.OfT);
        var logG = new double[pairFrequency.Length];
        ChunkedSum.Sum(logG.Length, (start, end) =>
        {
            for (int p = start; p < end; p++)
            {
                logG[p] = LogG(r, alpha, s, beta, frequencies[pairFrequency[p]], times[pairTime[p]]);
            }

            return 0;
        });

        var rows = data.Rows;
        var frequencyIndex = data.FrequencyIndex;
        var timeIndex = data.TimeIndex;
        return ChunkedSum.Sum(rows.Length, (start, end) =>
        {
            double sum = 0;
            for (int i = start; i < end; i++)
            {
                double x = rows[i].Frequency;
                int time = timeIndex[i], f = frequencyIndex[i];
                double alive = AliveTerm(r, s, x, logAlphaPlus[time], logBetaPlus[time]);
                double died = DiedTerm(logShare[f], logG[ofRecency[i]], logG[ofT[i]]);
                sum += rows[i].Weight * (prefix[f] + LogSumExp(alive, died));
            }

            return sum;
        });
    }

    // ln[Γ(r+x) α^r β^s / Γ(r)]
    private static double Prefix(double r, double alpha, double s, double beta, double x) =>
        LogGamma(r + x) - LogGamma(r) + r * Math.Log(alpha) + s * Math.Log(beta);

    private static double AliveTerm(double r, double s, double x, double logAlphaPlusT, double logBetaPlusT) =>
        -(r + x) * logAlphaPlusT - s * logBetaPlusT;

    private static double LogShare(double r, double s, double x) => Math.Log(s) - Math.Log(r + s + x);

    // ln[s/(r+s+x) · (G(t_x) − G(T))]; G decreases in t, so G(t_x) ≥ G(T), equal (no death window) when t_x = T.
    private static double DiedTerm(double logShare, double logGRecency, double logGT)
    {
        if (double.IsNaN(logGRecency) || double.IsNaN(logGT))
        {
            return double.NaN;
        }

        if (!(logGRecency > logGT))
        {
            return double.NegativeInfinity;
        }

        return logShare + LogDiffExp(logGRecency, logGT);
    }

    private static double LogG(double r, double alpha, double s, double beta, double x, double t)
    {
        double k = r + s + x;
        // Where the series would need tens of thousands of terms (large k, argument near 1), Euler's integral:
        // G(t) = k (α+t)^(−k) ∫₀^∞ e^(−ku) (1 − z e^(−u))^(−(s+1)) du, and likewise with β and r + x.
        double z = alpha >= beta ? (alpha - beta) / (alpha + t) : (beta - alpha) / (beta + t);
        if (k > SeriesParameterLimit && z > SeriesArgumentLimit)
        {
            return alpha >= beta
                ? Math.Log(k) + DecayIntegral.Log(k, s + 1, z) - k * Math.Log(alpha + t)
                : Math.Log(k) + DecayIntegral.Log(k, r + x, z) - k * Math.Log(beta + t);
        }

        if (alpha >= beta)
        {
            return Hypergeometric.Log2F1(k, s + 1, k + 1, (alpha - beta) / (alpha + t)) - k * Math.Log(alpha + t);
        }

        return Hypergeometric.Log2F1(k, r + x, k + 1, (beta - alpha) / (beta + t)) - k * Math.Log(beta + t);
    }
}
