namespace Rekindle.Learning;

/// <summary>How <see cref="BoostedTrees.Train"/> grows its trees. The defaults are FastTree's own, except the
/// thread count.</summary>
public sealed record BoostedTreeOptions
{
    public int Trees { get; init; } = 100;

    public int Leaves { get; init; } = 20;

    public int MinimumExamplesPerLeaf { get; init; } = 20;

    public double LearningRate { get; init; } = 0.2;

    /// <summary>Seeds the subsampling of a table above <see cref="MaximumTrainingRows"/>, and FastTree. With the
    /// options exposed here (no bagging, every feature offered to every tree) FastTree draws no random numbers, so
    /// two seeds train the same trees on the same rows: in practice the seed picks the sample.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// A larger table is subsampled to this many rows before training. The sample is stratified by label
    /// (each class keeps its share of the table, rounded) rather than uniform: the Platt calibrator is fitted on
    /// the training rows, so keeping the base rate exact keeps the calibrated probabilities centred on the shop's
    /// real rate, and a rare class cannot come out thinner than it is by the luck of the draw.
    /// </summary>
    public int MaximumTrainingRows { get; init; } = 200_000;

    /// <summary>
    /// FastTree's worker threads. One by default so that a training is reproducible bit for bit by its seed:
    /// FastTree splits the histogram and split-finding work by feature and merges it in a fixed order, and two
    /// threads gave the same probabilities to the bit as one in our measurements (5,000 x 3 and 200,000 x 20), but
    /// ML.NET does not promise it. Nor did they pay on the shared two-core machine: 200,000 x 20 trained in 5.6 s
    /// on two threads against 4.0 s on one.
    /// </summary>
    public int Threads { get; init; } = 1;

    internal void Validate()
    {
        Require(Trees >= 1, nameof(Trees), Trees, "at least 1");
        Require(Leaves >= 2, nameof(Leaves), Leaves, "at least 2");
        Require(MinimumExamplesPerLeaf >= 1, nameof(MinimumExamplesPerLeaf), MinimumExamplesPerLeaf, "at least 1");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, nameof(LearningRate), LearningRate, "a positive number");
        Require(MaximumTrainingRows >= 2, nameof(MaximumTrainingRows), MaximumTrainingRows, "at least 2 (one of each class)");
        Require(Threads >= 1, nameof(Threads), Threads, "at least 1");
    }

    private static void Require(bool holds, string name, object value, string expected)
    {
        if (!holds)
            throw new ArgumentOutOfRangeException(name, value, $"BoostedTreeOptions.{name} must be {expected}.");
    }
}
