using Rekindle.Learning;

namespace Rekindle.Learning.Tests;

/// <summary>
/// A generated data set with a known signal: x1, x2, x3 standard normal, the label drawn as
/// Bernoulli(logistic(2·x1 − x2 − 1)); x3 is pure noise. The intercept puts the base rate near 0.36 rather than
/// at a symmetric 0.5, so that a calibration test can tell a calibrated mean from a coin.
/// </summary>
internal sealed record KnownSignal(FeatureTable Features, bool[] Labels, double[] TrueScores)
{
    internal static readonly string[] Names = ["x1", "x2", "x3"];

    internal static KnownSignal Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * Names.Length];
        var labels = new bool[rows];
        var scores = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            for (var feature = 0; feature < Names.Length; feature++)
                values[row * Names.Length + feature] = (float)Normal(random);
            scores[row] = 2 * values[row * 3] - values[row * 3 + 1] - 1;
            labels[row] = random.NextDouble() < 1 / (1 + Math.Exp(-scores[row]));
        }
        return new KnownSignal(new FeatureTable(Names, values), labels, scores);
    }

    // Box–Muller; 1 − u keeps the logarithm away from zero.
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>The area under the ROC curve by ranks (Mann–Whitney), ties sharing their average rank.</summary>
    internal static double Auc(IReadOnlyList<double> scores, bool[] labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
                end++;
            var averageRank = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++)
            {
                if (labels[order[i]])
                    positiveRankSum += averageRank;
            }
            start = end + 1;
        }
        double positives = labels.Count(label => label);
        var negatives = labels.Length - positives;
        return (positiveRankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
