namespace Rekindle.Learning.Tests;

public class StratifiedSampleTests
{
    // One feature holding the row number, so a sampled row tells which table row it came from.
    private static (FeatureTable Features, bool[] Labels) Numbered(int rows, Func<int, bool> label) =>
        (new FeatureTable(["row"], [.. Enumerable.Range(0, rows).Select(row => (float)row)]),
            [.. Enumerable.Range(0, rows).Select(label)]);

    [Fact]
    public void Take_AboveTheBudget_KeepsEachClassShareInTableOrder()
    {
        var (features, labels) = Numbered(1_000, row => row % 10 < 3);

        var (sample, sampleLabels) = StratifiedSample.Take(features, labels, positives: 300, budget: 100, seed: 1);

        Assert.Equal(100, sample.Rows);
        Assert.Equal(30, sampleLabels.Count(label => label));
        var rows = sample.Values.Select(value => (int)value).ToArray();
        Assert.Equal(rows.Order(), rows);
        Assert.Equal(100, rows.Distinct().Count());
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(labels[rows[i]], sampleLabels[i]));
    }

    [Fact]
    public void Take_SameSeed_TakesTheSameRowsAndAnotherSeedOthers()
    {
        var (features, labels) = Numbered(1_000, row => row % 2 == 0);

        var first = StratifiedSample.Take(features, labels, 500, 100, seed: 1).Features.Values;
        var again = StratifiedSample.Take(features, labels, 500, 100, seed: 1).Features.Values;
        var other = StratifiedSample.Take(features, labels, 500, 100, seed: 2).Features.Values;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Take_ARareClassRoundingToNone_KeepsOneOfIt()
    {
        var (features, labels) = Numbered(1_000, row => row == 417);

        var (sample, sampleLabels) = StratifiedSample.Take(features, labels, positives: 1, budget: 10, seed: 1);

        Assert.Equal(10, sample.Rows);
        Assert.Equal(1, sampleLabels.Count(label => label));
        Assert.Contains(417f, sample.Values);
    }

    [Fact]
    public void Take_AtTheBudget_ReturnsTheTableItself()
    {
        var (features, labels) = Numbered(100, row => row % 2 == 0);

        var (sample, sampleLabels) = StratifiedSample.Take(features, labels, 50, budget: 100, seed: 1);

        Assert.Same(features, sample);
        Assert.Same(labels, sampleLabels);
    }
}
