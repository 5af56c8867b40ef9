using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Numerics;
using static Rekindle.Core.Intelligence.Numerics.SpecialFunctions;

namespace Rekindle.Core.Intelligence.Clv;

/// <summary>
/// The Gamma-Gamma model of average order value. It is fitted on repeat customers only (x &gt; 0, m &gt; 0) because
/// the monetary value excludes the first purchase; the model assumes spend independent of purchase frequency.
/// </summary>
public sealed class GammaGammaModel
{
    public GammaGammaModel(GammaGammaParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
    }

    public GammaGammaParameters Parameters { get; }

    /// <summary>Mean order value of the population, pν/(q − 1); +∞ when q ≤ 1 (the mean does not exist).</summary>
    public double PopulationMeanOrderValue =>
        Parameters.Q > 1 ? Parameters.P * Parameters.V / (Parameters.Q - 1) : double.PositiveInfinity;

    /// <summary>Fits on the customers with repeat purchases and a positive monetary value; the others are skipped.</summary>
    public static ModelFit<GammaGammaParameters> Fit(
        IEnumerable<CustomerSummary> customers, GammaGammaParameters? start = null, OptimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return Fit(
            customers.Where(c => c.Frequency > 0 && c.MonetaryValue > 0)
                .Select(c => new SpendRow(c.Frequency, (double)c.MonetaryValue)),
            start,
            options);
    }

    /// <exception cref="ArgumentException">A row has x ≤ 0, m ≤ 0 or a non-positive weight.</exception>
    public static ModelFit<GammaGammaParameters> Fit(
        IEnumerable<SpendRow> rows, GammaGammaParameters? start = null, OptimizerOptions? options = null)
    {
        var data = SpendData.From(rows);
        var fit = LogParameterFit.Run(
            ["p", "q", "v"],
            (start ?? GammaGammaParameters.Ones).ToArray(),
            p => Total(p[0], p[1], p[2], data),
            (p, gradient) => TotalWithGradient(p[0], p[1], p[2], data, gradient),
            data.TotalWeight,
            options);
        return new ModelFit<GammaGammaParameters>(
            GammaGammaParameters.FromArray(fit.Parameters), fit.LogLikelihood, fit.Converged, fit.Iterations,
            fit.Evaluations, fit.Failure);
    }

    /// <summary>
    /// ln f(m | x): the density of a repeat customer's mean order value m over x purchases,
    /// Γ(px+q)/(Γ(px)Γ(q)) · ν^q m^(px−1) x^(px) / (ν + mx)^(px+q).
    /// </summary>
    public double LogLikelihood(double frequency, double monetaryValue)
    {
        SpendData.Validate(new SpendRow(frequency, monetaryValue), "customer");
        var (p, q, v) = Parameters;
        return FrequencyPart(p, q, v, frequency) + ValuePart(p, q, v, frequency, Math.Log(monetaryValue), monetaryValue);
    }

    public double TotalLogLikelihood(IEnumerable<SpendRow> rows)
    {
        var (p, q, v) = Parameters;
        return Total(p, q, v, SpendData.From(rows));
    }

    /// <summary>
    /// E[Z | x, m] = p(ν + x m)/(px + q − 1): a weighted mean of the population mean and the customer's own mean,
    /// the latter weighing more the more purchases there are. x = 0 gives the population mean.
    /// </summary>
    public double ExpectedAverageOrderValue(double frequency, double monetaryValue)
    {
        if (!double.IsFinite(frequency) || frequency < 0 || !double.IsFinite(monetaryValue))
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), "frequency must be ≥ 0 and the monetary value finite");
        }

        var (p, q, v) = Parameters;
        double denominator = p * frequency + q - 1;
        return denominator > 0 ? p * (v + frequency * monetaryValue) / denominator : double.PositiveInfinity;
    }

    private static double Total(double p, double q, double v, SpendData data)
    {
        var frequencyPart = new double[data.DistinctFrequencies.Length];
        for (int i = 0; i < frequencyPart.Length; i++)
        {
            frequencyPart[i] = FrequencyPart(p, q, v, data.DistinctFrequencies[i]);
        }

        var (rows, frequencyIndex, logMonetary) = (data.Rows, data.FrequencyIndex, data.LogMonetary);
        return ChunkedSum.Sum(rows.Length, (start, end) =>
        {
            double sum = 0;
            for (int i = start; i < end; i++)
            {
                var row = rows[i];
                sum += row.Weight * (frequencyPart[frequencyIndex[i]]
                    + ValuePart(p, q, v, row.Frequency, logMonetary[i], row.MonetaryValue));
            }

            return sum;
        });
    }

    // ∂/∂p = x [ψ(px+q) − ψ(px) + ln m + ln x − ln(ν+mx)]; ∂/∂q = ψ(px+q) − ψ(q) + ln ν − ln(ν+mx);
    // ∂/∂ν = q/ν − (px+q)/(ν+mx).
    internal static double TotalWithGradient(double p, double q, double v, SpendData data, double[] gradient)
    {
        int count = data.DistinctFrequencies.Length;
        var frequencyPart = new double[count];
        var dP = new double[count];
        var dQ = new double[count];
        double psiQ = Digamma(q), logV = Math.Log(v);
        for (int i = 0; i < count; i++)
        {
            double x = data.DistinctFrequencies[i];
            frequencyPart[i] = FrequencyPart(p, q, v, x);
            double psiPXQ = Digamma(p * x + q);
            dP[i] = x * (psiPXQ - Digamma(p * x) + Math.Log(x));
            dQ[i] = psiPXQ - psiQ + logV;
        }

        var (rows, frequencyIndex, logMonetary) = (data.Rows, data.FrequencyIndex, data.LogMonetary);
        var sums = ChunkedSum.Sum(rows.Length, 4, (start, end, acc) =>
        {
            double ll = 0, gp = 0, gq = 0, gv = 0;
            for (int i = start; i < end; i++)
            {
                var row = rows[i];
                int f = frequencyIndex[i];
                double x = row.Frequency, logM = logMonetary[i];
                double spend = v + row.MonetaryValue * x;
                double logSpend = Math.Log(spend);
                ll += row.Weight * (frequencyPart[f] + (p * x - 1) * logM - (p * x + q) * logSpend);
                gp += row.Weight * (dP[f] + x * (logM - logSpend));
                gq += row.Weight * (dQ[f] - logSpend);
                gv += row.Weight * (q / v - (p * x + q) / spend);
            }

            acc[0] = ll;
            acc[1] = gp;
            acc[2] = gq;
            acc[3] = gv;
        });

        Array.Copy(sums, 1, gradient, 0, 3);
        return sums[0];
    }

    // ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln ν + px ln x
    private static double FrequencyPart(double p, double q, double v, double x) =>
        LogGamma(p * x + q) - LogGamma(p * x) - LogGamma(q) + q * Math.Log(v) + p * x * Math.Log(x);

    // (px − 1) ln m − (px + q) ln(ν + m x)
    private static double ValuePart(double p, double q, double v, double x, double logM, double m) =>
        (p * x - 1) * logM - (p * x + q) * Math.Log(v + m * x);
}
