using Rekindle.Core.Intelligence.Rfm;

namespace Rekindle.Core.Tests.Intelligence.Rfm;

/// <summary>The selected cuts must equal what a full sort gives, whatever the order and ties of the input.</summary>
public class RfmBoundariesTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 30, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, int> Shapes() => new()
    {
        { "random", 1 }, { "random", 7 }, { "random", 999 }, { "random", 5000 },
        { "ascending", 4000 }, { "descending", 4000 }, { "organ-pipe", 4001 }, { "all-equal", 3000 },
        { "two-values", 2500 }, { "mostly-ones", 5000 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Score_AnyInputOrder_CutsAreThoseOfTheSortedValues(string shape, int n)
    {
        var random = new Random(n);
        int[] values = [.. Enumerable.Range(0, n).Select(i => shape switch
        {
            "random" => random.Next(1, 300),
            "ascending" => i + 1,
            "descending" => n - i,
            "organ-pipe" => Math.Min(i, n - i) + 1,
            "all-equal" => 42,
            "two-values" => 1 + (i % 2),
            _ => random.NextDouble() < 0.7 ? 1 : random.Next(2, 40),
        })];
        RfmInput[] inputs = [.. values.Select((v, i) => new RfmInput($"c{i}", Now.AddDays(-(v % 365)), v, v * 1.5m))];

        RfmResult result = RfmScorer.Score(inputs, Now);

        Assert.Equal<int>(ExpectedCuts(values.Select(v => v % 365)), result.Boundaries.RecencyDays);
        Assert.Equal<int>(ExpectedCuts(values), result.Boundaries.Frequency);
        Assert.Equal<decimal>(ExpectedCuts(values.Select(v => v * 1.5m)), result.Boundaries.Monetary);
    }

    private static T[] ExpectedCuts<T>(IEnumerable<T> values)
    {
        T[] sorted = [.. values.Order()];
        return [.. new[] { 1, 2, 3, 4 }.Select(k => sorted[(int)Math.Ceiling(k * sorted.Length / 5.0) - 1])];
    }
}
