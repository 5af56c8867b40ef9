using Rekindle.Core.Intelligence.Rfm;

namespace Rekindle.Core.Tests.Intelligence.Rfm;

/// <summary>
/// What must hold for any population, checked independently of how the scorer computes it: used where no
/// expected values exist (a generated million, the Online Retail data).
/// </summary>
internal static class RfmInvariants
{
    public static void AssertHold(IReadOnlyList<RfmInput> inputs, RfmResult result, DateTimeOffset now, RfmSegmentMap map)
    {
        int n = inputs.Count;
        Assert.Equal(n, result.Scores.Length);
        for (int i = 0; i < n; i++)
        {
            RfmScore s = result.Scores[i];
            RfmInput c = inputs[i];
            if (s.CustomerId != c.CustomerId || s.Frequency != c.Orders || s.Monetary != c.Revenue
                || s.RecencyDays != (int)Math.Floor((now - c.LastOrderAt).TotalDays) || s.Segment != map.SegmentOf(s.R, s.Fm))
            {
                Assert.Fail($"score #{i} does not match its input: {s} for {c}");
            }
        }

        Assert.Equal(n, result.Segments.Sum(s => s.Customers));
        Assert.Equal(n, result.Grid.Cells.Sum(c => c.Customers));
        decimal revenue = inputs.Sum(c => c.Revenue);
        Assert.Equal(revenue, result.Segments.Sum(s => s.Revenue));
        Assert.Equal(revenue, result.Grid.Cells.Sum(c => c.Revenue));
        var perCell = new int[6, 6];
        foreach (RfmScore s in result.Scores)
        {
            perCell[s.R, s.Fm]++;
        }

        Assert.All(result.Grid.Cells, cell => Assert.Equal(perCell[cell.R, cell.Fm], cell.Customers));

        // Recency ranks by fewer days = better, so it is checked on the negated days.
        AssertQuintiles(result.Scores.Select(s => (decimal)-s.RecencyDays).ToArray(), result.Scores.Select(s => s.R).ToArray(), "R");
        AssertQuintiles(result.Scores.Select(s => (decimal)s.Frequency).ToArray(), result.Scores.Select(s => s.F).ToArray(), "F");
        AssertQuintiles(result.Scores.Select(s => s.Monetary).ToArray(), result.Scores.Select(s => s.M).ToArray(), "M");
    }

    /// <summary>The size of the largest group of equal values.</summary>
    public static int LargestTie(decimal[] values)
    {
        decimal[] sorted = (decimal[])values.Clone();
        Array.Sort(sorted);
        int largest = 0;
        for (int i = 0, j; i < sorted.Length; i = j)
        {
            for (j = i; j < sorted.Length && sorted[j] == sorted[i]; j++)
            {
            }

            largest = Math.Max(largest, j - i);
        }

        return largest;
    }

    /// <summary>
    /// Scores never decrease as the value grows, equal values share a score, and every score's bucket holds
    /// N/5 customers give or take less than the largest tie group (a tie group straddling a cut moves it by at
    /// most its own size) — so where values are distinct the split is exactly into fifths.
    /// </summary>
    private static void AssertQuintiles(decimal[] values, int[] scores, string name)
    {
        int n = values.Length;
        decimal[] sortedValues = (decimal[])values.Clone();
        int[] sortedScores = (int[])scores.Clone();
        Array.Sort(sortedValues, sortedScores);
        for (int i = 1; i < n; i++)
        {
            if (sortedScores[i] < sortedScores[i - 1] || (sortedValues[i] == sortedValues[i - 1] && sortedScores[i] != sortedScores[i - 1]))
            {
                Assert.Fail($"{name}: value {sortedValues[i - 1]} scores {sortedScores[i - 1]} but value {sortedValues[i]} scores {sortedScores[i]}");
            }
        }

        int largestTie = LargestTie(values);
        for (int score = 1; score <= 5; score++)
        {
            int count = scores.Count(s => s == score);
            Assert.True(Math.Abs(count - (n / 5.0)) < largestTie, $"{name} {score}: {count} customers of {n}, largest tie {largestTie}");
        }
    }
}
