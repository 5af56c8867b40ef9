namespace Rekindle.Learning.Tests;

/// <summary>Bad input is refused with a message that names what is wrong.</summary>
public class ValidationTests
{
    private static readonly string[] Names = ["recency", "frequency"];

    private static void AssertRefused(Action action, string parameter, string message)
    {
        var error = Assert.ThrowsAny<ArgumentException>(action);
        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void FeatureTable_NonFiniteValue_IsRefusedNamingRowAndFeature(float value, string shown) =>
        AssertRefused(() => _ = new FeatureTable(Names, [1, 2, 3, 4, 5, value]), "values",
            $"Row 2, feature 'frequency' is {shown}: every value must be a finite number.");

    [Fact]
    public void FeatureTable_PartialRow_IsRefused() =>
        AssertRefused(() => _ = new FeatureTable(Names, [1, 2, 3]), "values",
            "Values has 3 entries, which is not a whole number of rows of 2 features.");

    [Fact]
    public void FeatureTable_NoNames_IsRefused() =>
        AssertRefused(() => _ = new FeatureTable([], []), "names", "A feature table needs at least one feature name.");

    [Fact]
    public void FeatureTable_BlankName_IsRefused() =>
        AssertRefused(() => _ = new FeatureTable(["recency", " "], []), "names", "Feature name 1 is empty.");

    [Fact]
    public void FeatureTable_RepeatedName_IsRefused() =>
        AssertRefused(() => _ = new FeatureTable(["recency", "recency"], []), "names",
            "Feature name 'recency' appears more than once.");

    [Fact]
    public void FeatureTable_Rows_CountsWholeRows() =>
        Assert.Equal(3, new FeatureTable(Names, [1, 2, 3, 4, 5, 6]).Rows);

    [Fact]
    public void Train_EmptyTable_IsRefused() =>
        AssertRefused(() => BoostedTrees.Train(new FeatureTable(Names, []), []), "features",
            "The feature table has no rows: there is nothing to train on.");

    [Fact]
    public void Train_LabelCountDisagrees_IsRefused() =>
        AssertRefused(() => BoostedTrees.Train(new FeatureTable(Names, [1, 2, 3, 4]), [true, false, true]), "labels",
            "There are 3 labels for 2 feature rows: there must be one label per row.");

    [Theory]
    [InlineData(true, "True")]
    [InlineData(false, "False")]
    public void Train_OneClassOnly_IsRefused(bool label, string shown) =>
        AssertRefused(() => BoostedTrees.Train(new FeatureTable(Names, [1, 2, 3, 4]), [label, label]), "labels",
            $"All 2 labels are {shown}: a classifier needs examples of both classes.");

    [Theory]
    [InlineData(nameof(BoostedTreeOptions.Trees), "BoostedTreeOptions.Trees must be at least 1.")]
    [InlineData(nameof(BoostedTreeOptions.Leaves), "BoostedTreeOptions.Leaves must be at least 2.")]
    [InlineData(nameof(BoostedTreeOptions.MinimumExamplesPerLeaf),
        "BoostedTreeOptions.MinimumExamplesPerLeaf must be at least 1.")]
    [InlineData(nameof(BoostedTreeOptions.LearningRate), "BoostedTreeOptions.LearningRate must be a positive number.")]
    [InlineData(nameof(BoostedTreeOptions.MaximumTrainingRows),
        "BoostedTreeOptions.MaximumTrainingRows must be at least 2 (one of each class).")]
    [InlineData(nameof(BoostedTreeOptions.Threads), "BoostedTreeOptions.Threads must be at least 1.")]
    public void Train_OptionOutOfRange_IsRefusedNamingIt(string option, string message)
    {
        var options = option switch
        {
            nameof(BoostedTreeOptions.Trees) => new BoostedTreeOptions { Trees = 0 },
            nameof(BoostedTreeOptions.Leaves) => new BoostedTreeOptions { Leaves = 1 },
            nameof(BoostedTreeOptions.MinimumExamplesPerLeaf) => new BoostedTreeOptions { MinimumExamplesPerLeaf = 0 },
            nameof(BoostedTreeOptions.LearningRate) => new BoostedTreeOptions { LearningRate = double.NaN },
            nameof(BoostedTreeOptions.MaximumTrainingRows) => new BoostedTreeOptions { MaximumTrainingRows = 1 },
            _ => new BoostedTreeOptions { Threads = 0 },
        };

        AssertRefused(() => BoostedTrees.Train(new FeatureTable(Names, [1, 2, 3, 4]), [true, false], options),
            option, message);
    }
}
