using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Rekindle.Learning;

/// <summary>Trains ML.NET's FastTree gradient-boosted trees as a binary classifier on a flat feature table.</summary>
public static class BoostedTrees
{
    /// <summary>
    /// Trains on <paramref name="features"/> (subsampled to <see cref="BoostedTreeOptions.MaximumTrainingRows"/>
    /// when larger) against <paramref name="labels"/>, one per row. The probabilities are FastTree's scores passed
    /// through the Platt calibrator FastTree fits on the same training rows.
    /// </summary>
    public static BoostedTreeClassifier Train(FeatureTable features, bool[] labels, BoostedTreeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        options ??= new BoostedTreeOptions();
        options.Validate();
        if (features.Rows == 0)
            throw new ArgumentException("The feature table has no rows: there is nothing to train on.", nameof(features));
        if (labels.Length != features.Rows)
            throw new ArgumentException(
                $"There are {labels.Length} labels for {features.Rows} feature rows: there must be one label per row.",
                nameof(labels));
        var positives = labels.Count(label => label);
        if (positives == 0 || positives == labels.Length)
            throw new ArgumentException(
                $"All {labels.Length} labels are {positives > 0}: a classifier needs examples of both classes.",
                nameof(labels));

        (features, labels) = StratifiedSample.Take(features, labels, positives, options.MaximumTrainingRows, options.Seed);

        var context = new MLContext(options.Seed);
        var trainer = context.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = FlatDataView.LabelColumn,
            FeatureColumnName = FlatDataView.FeaturesColumn,
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
            LearningRate = options.LearningRate,
            Seed = options.Seed,
            NumberOfThreads = options.Threads,
        });
        var model = trainer.Fit(new FlatDataView(features, labels));
        return new BoostedTreeClassifier(model, features.Names, features.Rows);
    }
}
