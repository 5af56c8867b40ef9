using Rekindle.Core.Intelligence.Rfm;
using Xunit.Abstractions;

namespace Rekindle.Core.Tests.Intelligence.Rfm;

/// <summary>
/// RFM over the real UCI Online Retail orders. No published RFM values exist for this data, so only what must
/// hold for any population is asserted, plus facts that follow from the rule on the data's own extremes.
/// </summary>
public class RfmOnlineRetailTests(ITestOutputHelper output)
{
    // The last invoice is on 2011-12-09; analysing "as of" the following midnight is the usual snapshot.
    private static readonly DateTimeOffset Now = new(2011, 12, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Score_OnlineRetailYear_EveryCustomerScoredAndInvariantsHold()
    {
        List<OnlineRetailOrders.Order> orders = OnlineRetailOrders.Read();
        var builder = new RfmInputBuilder(RfmWindow.Ending(Now, RfmOptions.DefaultLookBack));
        int outside = orders.Count(o => !builder.Add(o.CustomerId, o.At, o.Amount));
        RfmInput[] inputs = builder.Build();

        RfmResult result = RfmScorer.Score(inputs, Now);

        int windowCustomers = orders.Where(o => o.At >= Now.AddDays(-365)).Select(o => o.CustomerId).Distinct().Count();
        Assert.True(outside > 0, "the first days of the data lie before the one-year window");
        Assert.Equal(windowCustomers, result.Customers);
        RfmInvariants.AssertHold(inputs, result, Now, RfmSegmentMap.Default);

        RfmScore topSpender = result.Scores.MaxBy(s => s.Monetary);
        Assert.Equal(5, topSpender.M);
        Assert.Equal(5, result.Scores.MaxBy(s => s.Frequency).F);
        Assert.All(result.Scores.Where(s => s.RecencyDays == 0), s => Assert.Equal(5, s.R));
        Assert.All(result.Scores.Where(s => s.Frequency == 1), s => Assert.Equal(1, s.F));
        Assert.All(result.Scores.Where(s => s.Monetary == result.Scores.Min(x => x.Monetary)), s => Assert.Equal(1, s.M));

        int revenueTie = RfmInvariants.LargestTie([.. inputs.Select(c => c.Revenue)]);
        Report(result, orders.Count, outside, revenueTie);
    }

    private void Report(RfmResult result, int orders, int outside, int revenueTie)
    {
        output.WriteLine($"{orders:N0} orders, {outside:N0} before the window; {result.Customers:N0} customers; largest revenue tie {revenueTie}");
        output.WriteLine($"cuts: days {string.Join('/', result.Boundaries.RecencyDays)}, orders {string.Join('/', result.Boundaries.Frequency)}, revenue {string.Join('/', result.Boundaries.Monetary)}");
        foreach ((string name, Func<RfmScore, int> score) in new (string, Func<RfmScore, int>)[] { ("R", s => s.R), ("F", s => s.F), ("M", s => s.M) })
        {
            output.WriteLine($"{name}: {string.Join(' ', Enumerable.Range(1, 5).Select(k => $"{k}={result.Scores.Count(s => score(s) == k)}"))}");
        }

        foreach (RfmSegmentSize size in result.Segments)
        {
            output.WriteLine($"{size.Segment,-20} {size.Customers,6:N0} {size.Revenue,14:N2}");
        }
    }
}
