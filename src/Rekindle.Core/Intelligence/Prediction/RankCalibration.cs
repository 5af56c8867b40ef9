namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// Turns a model's ranking into probabilities the shop has seen come true: in the backtest, the customers the model
/// put in each tenth of its ranking bought at a known rate (the calibration table); a customer scored later gets the
/// rate of their place in the new ranking, interpolated between the tenths' centres and made non-decreasing
/// (pool-adjacent-violators). Two models that rank alike therefore give nearly the same probabilities whatever
/// their own scale, which keeps risk levels from flipping when the chosen model changes, and a BTYD model that is
/// systematically high or low is corrected by what actually happened.
/// </summary>
public sealed class RankCalibration
{
    private readonly double[] centres;
    private readonly double[] rates;

    private RankCalibration(double[] centres, double[] rates)
    {
        this.centres = centres;
        this.rates = rates;
    }

    /// <summary>The observed buying rate by decile of the ranking, non-decreasing.</summary>
    public IReadOnlyList<double> Rates => rates;

    public static RankCalibration From(IReadOnlyList<CalibrationBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        if (bins.Count == 0)
        {
            throw new ArgumentException("a calibration needs at least one group of customers", nameof(bins));
        }

        int total = bins.Sum(b => b.Customers);
        var centres = new double[bins.Count];
        int before = 0;
        for (int i = 0; i < bins.Count; i++)
        {
            centres[i] = (before + bins[i].Customers / 2.0) / total;
            before += bins[i].Customers;
        }

        return new RankCalibration(centres, PoolAdjacentViolators(bins));
    }

    /// <summary>The calibrated probability of each score, by its mid-rank among <paramref name="scores"/>.</summary>
    public double[] Apply(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        // Tied scores share the rate of their middle place.
        var ranks = BacktestMetrics.MidRanks(scores);
        var result = new double[ranks.Length];
        for (int i = 0; i < ranks.Length; i++)
        {
            result[i] = At((ranks[i] - 0.5) / ranks.Length);
        }

        return result;
    }

    private double At(double quantile)
    {
        if (quantile <= centres[0])
        {
            return rates[0];
        }

        for (int i = 1; i < centres.Length; i++)
        {
            if (quantile <= centres[i])
            {
                double w = (quantile - centres[i - 1]) / (centres[i] - centres[i - 1]);
                return rates[i - 1] + w * (rates[i] - rates[i - 1]);
            }
        }

        return rates[^1];
    }

    // Weighted by group size, so a violation between a large and a small group moves the small one more.
    private static double[] PoolAdjacentViolators(IReadOnlyList<CalibrationBin> bins)
    {
        var blocks = new List<(double Rate, double Weight, int Count)>();
        foreach (var bin in bins)
        {
            blocks.Add((bin.ActualShare, bin.Customers, 1));
            while (blocks.Count > 1 && blocks[^2].Rate > blocks[^1].Rate)
            {
                var (r2, w2, c2) = blocks[^1];
                var (r1, w1, c1) = blocks[^2];
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = ((r1 * w1 + r2 * w2) / (w1 + w2), w1 + w2, c1 + c2);
            }
        }

        return [.. blocks.SelectMany(b => Enumerable.Repeat(b.Rate, b.Count))];
    }
}
