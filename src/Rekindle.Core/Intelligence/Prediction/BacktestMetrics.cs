namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>One tenth of the customers ranked by their prediction: what was predicted and what happened.</summary>
/// <param name="Decile">1 (lowest predictions) to 10 (highest).</param>
public sealed record CalibrationBin(int Decile, int Customers, double MeanPredicted, double ActualShare);

/// <summary>How well scores rank and predict a yes/no outcome.</summary>
public static class BacktestMetrics
{
    /// <summary>
    /// Area under the ROC curve: the probability that a random buyer scores above a random non-buyer, ties counting
    /// one half (Mann–Whitney U over mid-ranks). 0.5 is a coin; null when either class is missing.
    /// </summary>
    public static double? Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> outcomes)
    {
        CheckLengths(scores, outcomes);
        var ranks = MidRanks(scores);
        double positiveRanks = 0;
        long positives = 0;
        for (int i = 0; i < ranks.Length; i++)
        {
            if (outcomes[i])
            {
                positiveRanks += ranks[i];
                positives++;
            }
        }

        long negatives = ranks.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Each score's rank, 1 for the lowest; equal scores share the mean of the ranks they span.</summary>
    internal static double[] MidRanks(IReadOnlyList<double> scores)
    {
        int n = scores.Count;
        var order = Enumerable.Range(0, n).ToArray();
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[n];
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && keys[j + 1] == keys[i])
            {
                j++;
            }

            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = (i + j) / 2.0 + 1;
            }

            i = j + 1;
        }

        return ranks;
    }

    /// <summary>Mean squared difference between the probability and the 0/1 outcome; lower is better.</summary>
    public static double Brier(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes)
    {
        CheckLengths(probabilities, outcomes);
        double sum = 0;
        for (int i = 0; i < probabilities.Count; i++)
        {
            double error = probabilities[i] - (outcomes[i] ? 1 : 0);
            sum += error * error;
        }

        return probabilities.Count == 0 ? 0 : sum / probabilities.Count;
    }

    /// <summary>
    /// The calibration table: customers sorted by prediction (ties by their position in the input, a stable sort),
    /// cut into ten groups as equal as possible, the first groups taking one extra each when the count is not a
    /// multiple of ten; per group the mean prediction and the share who bought.
    /// </summary>
    public static IReadOnlyList<CalibrationBin> Deciles(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes)
    {
        CheckLengths(probabilities, outcomes);
        int n = probabilities.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => probabilities[i]).ToArray();
        var bins = new List<CalibrationBin>(10);
        int start = 0;
        for (int d = 0; d < 10; d++)
        {
            int size = n / 10 + (d < n % 10 ? 1 : 0);
            if (size == 0)
            {
                continue;
            }

            double predicted = 0, bought = 0;
            for (int k = start; k < start + size; k++)
            {
                predicted += probabilities[order[k]];
                bought += outcomes[order[k]] ? 1 : 0;
            }

            bins.Add(new CalibrationBin(d + 1, size, predicted / size, bought / size));
            start += size;
        }

        return bins;
    }

    private static void CheckLengths(IReadOnlyList<double> scores, IReadOnlyList<bool> outcomes)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (scores.Count != outcomes.Count)
        {
            throw new ArgumentException($"{scores.Count} scores but {outcomes.Count} outcomes");
        }
    }
}
