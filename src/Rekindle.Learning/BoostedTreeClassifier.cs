using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Rekindle.Learning;

/// <summary>A feature's share of the total split gain of the trees: what the model leans on.</summary>
public sealed record FeatureImportance(string Feature, double Share);

/// <summary>A trained FastTree binary classifier with its Platt calibration.</summary>
public sealed class BoostedTreeClassifier
{
    private readonly ITransformer _model;
    private readonly IReadOnlyList<string> _names;

    internal BoostedTreeClassifier(
        BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> model,
        IReadOnlyList<string> names,
        int trainingRows)
    {
        _model = model;
        _names = names;
        TrainingRows = trainingRows;
        Importance = Shares(model.Model.SubModel, names);
    }

    /// <summary>The feature names the model was trained on, in order; a table to predict must have the same.</summary>
    public IReadOnlyList<string> FeatureNames => _names;

    /// <summary>How many rows the model was trained on (after subsampling).</summary>
    public int TrainingRows { get; }

    /// <summary>Every feature's share of the gain, largest first (ties by name); the shares sum to 1, or are all 0
    /// when the trees made no split at all.</summary>
    public IReadOnlyList<FeatureImportance> Importance { get; }

    /// <summary>The calibrated probability that each row is positive, in row order.</summary>
    public double[] PredictProbabilities(FeatureTable features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!features.Names.SequenceEqual(_names, StringComparer.Ordinal))
            throw new ArgumentException(
                $"The table's features ({string.Join(", ", features.Names)}) are not the ones the model was trained on " +
                $"({string.Join(", ", _names)}), in that order.",
                nameof(features));
        var probabilities = new double[features.Rows];
        var scored = _model.Transform(new FlatDataView(features, labels: null));
        var column = scored.Schema["Probability"];
        using var cursor = scored.GetRowCursor([column]);
        var get = cursor.GetGetter<float>(column);
        var probability = 0f;
        for (var row = 0; cursor.MoveNext(); row++)
        {
            get(ref probability);
            probabilities[row] = probability;
        }
        return probabilities;
    }

    private static FeatureImportance[] Shares(FastTreeBinaryModelParameters trees, IReadOnlyList<string> names)
    {
        var weights = default(VBuffer<float>);
        trees.GetFeatureWeights(ref weights);
        var gains = new double[names.Count];
        foreach (var (index, gain) in weights.Items())
            gains[index] = gain;
        var total = gains.Sum();
        return
        [
            .. names
                .Select((name, i) => new FeatureImportance(name, total > 0 ? gains[i] / total : 0))
                .OrderByDescending(importance => importance.Share)
                .ThenBy(importance => importance.Feature, StringComparer.Ordinal),
        ];
    }
}
