using System.Diagnostics;
using Rekindle.Core.Intelligence.Rfm;
using Xunit.Abstractions;

namespace Rekindle.Core.Tests.Intelligence.Rfm;

public class RfmScaleTests(ITestOutputHelper output)
{
    private const int Customers = 1_000_000;
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Score_MillionGeneratedCustomers_HoldsEveryInvariant()
    {
        RfmInput[] inputs = Generate(Customers, seed: 20250301);

        var clock = Stopwatch.StartNew();
        RfmResult result = RfmScorer.Score(inputs, Now);
        TimeSpan cold = clock.Elapsed;
        clock.Restart();
        RfmResult again = RfmScorer.Score(inputs, Now);
        TimeSpan warm = clock.Elapsed;
        var previous = new Dictionary<string, string>(Customers, StringComparer.Ordinal);
        foreach (RfmScore s in result.Scores)
        {
            // A previous run that put every tenth customer elsewhere.
            previous[s.CustomerId] = s.CustomerId.EndsWith('5') ? RfmSegments.Lost : s.Segment;
        }

        for (int i = 0; i < 1000; i++)
        {
            // Customers whose orders have all left the window since.
            previous[$"gone{i}"] = RfmSegments.Hibernating;
        }

        clock.Restart();
        var changes = RfmSegmentDiff.Compare(previous, result.Scores);
        TimeSpan diffing = clock.Elapsed;
        output.WriteLine($"scored {Customers:N0} customers in {cold.TotalMilliseconds:F0} ms (first run), {warm.TotalMilliseconds:F0} ms (second); diffed in {diffing.TotalMilliseconds:F0} ms");
        foreach (RfmSegmentSize size in result.Segments)
        {
            output.WriteLine($"{size.Segment,-20} {size.Customers,9:N0}");
        }

        RfmInvariants.AssertHold(inputs, result, Now, RfmSegmentMap.Default);
        Assert.Equal<RfmScore>(result.Scores, again.Scores);
        int moved = result.Scores.Count(s => s.CustomerId.EndsWith('5') && s.Segment != RfmSegments.Lost);
        Assert.Equal(moved + 1000, changes.Length);
        Assert.All(changes.Take(moved), c => Assert.Equal(RfmSegments.Lost, c.From));
        Assert.All(changes.Skip(moved), c => Assert.Equal((RfmSegments.Hibernating, null), (c.From, c.To)));
    }

    /// <summary>
    /// A shop-like population: about half bought once, the rest a geometric number of times; the more
    /// orders, the more recent the last one tends to be; basket sizes vary over two orders of magnitude.
    /// </summary>
    internal static RfmInput[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new RfmInput[count];
        for (int i = 0; i < count; i++)
        {
            int orders = random.NextDouble() < 0.5 ? 1 : 2 + (int)Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(0.7));
            double recency = random.NextDouble();
            for (int k = 1; k < Math.Min(orders, 4); k++)
            {
                recency = Math.Min(recency, random.NextDouble());
            }

            long seconds = (long)(recency * 365 * 86400);
            double basket = 8 * Math.Exp(random.NextDouble() * 4.5);
            decimal revenue = Math.Round((decimal)(basket * orders * (0.5 + random.NextDouble())), 2);
            inputs[i] = new RfmInput($"c{i}", Now.AddSeconds(-seconds), orders, revenue);
        }

        return inputs;
    }
}
