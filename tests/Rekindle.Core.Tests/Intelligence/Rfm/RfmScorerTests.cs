using Rekindle.Core.Intelligence.Rfm;

namespace Rekindle.Core.Tests.Intelligence.Rfm;

public class RfmScorerTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Score_TenDistinctCustomers_SplitsEachMeasureIntoFifthsOfTwo()
    {
        RfmInput[] customers =
        [
            Customer("c0", days: 0, orders: 7, revenue: 120m),
            Customer("c1", days: 3, orders: 1, revenue: 15m),
            Customer("c2", days: 10, orders: 10, revenue: 900m),
            Customer("c3", days: 20, orders: 2, revenue: 40m),
            Customer("c4", days: 40, orders: 5, revenue: 75.50m),
            Customer("c5", days: 60, orders: 3, revenue: 60m),
            Customer("c6", days: 100, orders: 9, revenue: 1500m),
            Customer("c7", days: 150, orders: 4, revenue: 10m),
            Customer("c8", days: 200, orders: 8, revenue: 300m),
            Customer("c9", days: 300, orders: 6, revenue: 22.99m),
        ];

        RfmResult result = RfmScorer.Score(customers, Now);

        RfmScore[] expected =
        [
            new("c0", 0, 7, 120m, 5, 4, 4, RfmSegments.Champions),
            new("c1", 3, 1, 15m, 5, 1, 1, RfmSegments.NewCustomers),
            new("c2", 10, 10, 900m, 4, 5, 5, RfmSegments.Champions),
            new("c3", 20, 2, 40m, 4, 1, 2, RfmSegments.PotentialLoyalist),
            new("c4", 40, 5, 75.50m, 3, 3, 3, RfmSegments.NeedAttention),
            new("c5", 60, 3, 60m, 3, 2, 3, RfmSegments.NeedAttention),
            new("c6", 100, 9, 1500m, 2, 5, 5, RfmSegments.CannotLoseThem),
            new("c7", 150, 4, 10m, 2, 2, 1, RfmSegments.Hibernating),
            new("c8", 200, 8, 300m, 1, 4, 4, RfmSegments.CannotLoseThem),
            new("c9", 300, 6, 22.99m, 1, 3, 2, RfmSegments.Hibernating),
        ];
        Assert.Equal(expected, result.Scores);
        Assert.Equal<int>([3, 20, 60, 150], result.Boundaries.RecencyDays);
        Assert.Equal<int>([2, 4, 6, 8], result.Boundaries.Frequency);
        Assert.Equal<decimal>([15m, 40m, 75.50m, 300m], result.Boundaries.Monetary);
    }

    [Fact]
    public void Score_TiedValues_GiveEqualScoresAndLeaveSpilledBucketsEmpty()
    {
        // Six of ten bought once: F 1 for all six, and the next value (2 orders, 60 % below it) starts at F 4.
        RfmInput[] customers =
        [
            Customer("a", days: 0, orders: 1, revenue: 10m),
            Customer("b", days: 0, orders: 2, revenue: 50m),
            Customer("c", days: 0, orders: 1, revenue: 20m),
            Customer("d", days: 5, orders: 1, revenue: 10m),
            Customer("e", days: 5, orders: 7, revenue: 60m),
            Customer("f", days: 9, orders: 1, revenue: 20m),
            Customer("g", days: 30, orders: 3, revenue: 50m),
            Customer("h", days: 30, orders: 1, revenue: 20m),
            Customer("i", days: 30, orders: 2, revenue: 40m),
            Customer("j", days: 30, orders: 1, revenue: 30m),
        ];

        RfmResult result = RfmScorer.Score(customers, Now);

        Assert.Equal(
            [
                ("a", 5, 1, 1, RfmSegments.NewCustomers),
                ("b", 5, 4, 4, RfmSegments.Champions),
                ("c", 5, 1, 2, RfmSegments.PotentialLoyalist),
                ("d", 4, 1, 1, RfmSegments.Promising),
                ("e", 4, 5, 5, RfmSegments.Champions),
                ("f", 3, 1, 2, RfmSegments.NeedAttention),
                ("g", 2, 5, 4, RfmSegments.AtRisk),
                ("h", 2, 1, 2, RfmSegments.AboutToSleep),
                ("i", 2, 4, 4, RfmSegments.AtRisk),
                ("j", 2, 1, 3, RfmSegments.AboutToSleep),
            ],
            result.Scores.Select(s => (s.CustomerId, s.R, s.F, s.M, s.Segment)));
        Assert.Equal<int>([0, 5, 9, 30], result.Boundaries.RecencyDays);
        Assert.Equal<int>([1, 1, 1, 2], result.Boundaries.Frequency);
        Assert.Equal<decimal>([10m, 20m, 30m, 50m], result.Boundaries.Monetary);
    }

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(2, new[] { 1, 3 })]
    [InlineData(3, new[] { 1, 2, 4 })]
    [InlineData(4, new[] { 1, 2, 3, 4 })]
    public void Score_FewerThanFiveDistinctCustomers_NobodyReachesTheFarEnd(int n, int[] fm)
    {
        // A score says what share is strictly behind: of n < 5 customers none has four fifths behind it.
        RfmInput[] customers = [.. Enumerable.Range(0, n).Select(i => Customer($"c{i}", days: i * 10, orders: i + 1, revenue: (i + 1) * 100m))];

        RfmResult result = RfmScorer.Score(customers, Now);

        Assert.Equal(fm.Select(q => (6 - q, q, q)), result.Scores.Select(s => (s.R, s.F, s.M)));
    }

    [Fact]
    public void Score_SingleCustomer_IsANewCustomer()
    {
        RfmResult result = RfmScorer.Score([Customer("only", days: 200, orders: 4, revenue: 99m)], Now);

        Assert.Equal(new RfmScore("only", 200, 4, 99m, 5, 1, 1, RfmSegments.NewCustomers), Assert.Single(result.Scores));
        Assert.Equal<int>([200, 200, 200, 200], result.Boundaries.RecencyDays);
    }

    [Fact]
    public void Score_TwoCustomers_SecondGetsTheMiddleScore()
    {
        RfmResult result = RfmScorer.Score(
            [Customer("recent", days: 1, orders: 1, revenue: 10m), Customer("older", days: 50, orders: 3, revenue: 100m)], Now);

        Assert.Equal(
            [("recent", 5, 1, 1, RfmSegments.NewCustomers), ("older", 3, 3, 3, RfmSegments.NeedAttention)],
            result.Scores.Select(s => (s.CustomerId, s.R, s.F, s.M, s.Segment)));
    }

    [Fact]
    public void Score_AllCustomersEqual_AllSitOnTheAnchoredEnds()
    {
        RfmInput[] customers = [.. Enumerable.Range(0, 7).Select(i => Customer($"c{i}", days: 12, orders: 1, revenue: 25m))];

        RfmResult result = RfmScorer.Score(customers, Now);

        Assert.All(result.Scores, s => Assert.Equal((5, 1, 1, RfmSegments.NewCustomers), (s.R, s.F, s.M, s.Segment)));
    }

    [Fact]
    public void Score_NoCustomers_GivesAnEmptyGridAndEmptySegments()
    {
        RfmResult result = RfmScorer.Score([], Now);

        Assert.Empty(result.Scores);
        Assert.Equal(25, result.Grid.Cells.Length);
        Assert.All(result.Grid.Cells, c => Assert.Equal((0, 0m), (c.Customers, c.Revenue)));
        Assert.Equal(RfmSegmentMap.Default.Segments, result.Segments.Select(s => s.Segment));
        Assert.All(result.Segments, s => Assert.Equal(0, s.Customers));
        Assert.Empty(result.Boundaries.RecencyDays);
    }

    [Fact]
    public void Score_FiveCustomers_FillGridCellsAndSegmentSizes()
    {
        RfmInput[] customers =
        [
            Customer("c0", days: 0, orders: 7, revenue: 120m),
            Customer("c1", days: 3, orders: 1, revenue: 15m),
            Customer("c2", days: 10, orders: 10, revenue: 900m),
            Customer("c6", days: 100, orders: 9, revenue: 1500m),
            Customer("c8", days: 200, orders: 8, revenue: 300m),
        ];

        RfmResult result = RfmScorer.Score(customers, Now);

        // Five customers: one per fifth. R 5..1 in input order; F 2,1,5,4,3; M 2,1,4,5,3.
        Assert.Equal(new RfmGridCell(5, 2, RfmSegments.PotentialLoyalist, 1, 120m), result.Grid.Cell(5, 2));
        Assert.Equal(new RfmGridCell(4, 1, RfmSegments.Promising, 1, 15m), result.Grid.Cell(4, 1));
        Assert.Equal(new RfmGridCell(3, 4, RfmSegments.Loyal, 1, 900m), result.Grid.Cell(3, 4));
        Assert.Equal(new RfmGridCell(2, 5, RfmSegments.CannotLoseThem, 1, 1500m), result.Grid.Cell(2, 5));
        Assert.Equal(new RfmGridCell(1, 3, RfmSegments.AtRisk, 1, 300m), result.Grid.Cell(1, 3));
        Assert.Equal(5, result.Grid.Cells.Sum(c => c.Customers));
        Assert.Equal(
            from r in new[] { 5, 4, 3, 2, 1 } from fm in new[] { 1, 2, 3, 4, 5 } select (r, fm),
            result.Grid.Cells.Select(c => (c.R, c.Fm)));
        Assert.Equal<RfmSegmentSize>(
            [
                new(RfmSegments.Champions, 0, 0m), new(RfmSegments.Loyal, 1, 900m), new(RfmSegments.PotentialLoyalist, 1, 120m),
                new(RfmSegments.NewCustomers, 0, 0m), new(RfmSegments.Promising, 1, 15m), new(RfmSegments.NeedAttention, 0, 0m),
                new(RfmSegments.AboutToSleep, 0, 0m), new(RfmSegments.AtRisk, 1, 300m), new(RfmSegments.CannotLoseThem, 1, 1500m),
                new(RfmSegments.Hibernating, 0, 0m), new(RfmSegments.Lost, 0, 0m),
            ],
            result.Segments);
    }

    [Fact]
    public void Score_CustomerTwice_Throws()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => RfmScorer.Score(
            [Customer("x", 1, 1, 1m), Customer("x", 2, 1, 1m)], Now));

        Assert.StartsWith("customer 'x' appears more than once", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_CustomerWithoutOrders_Throws()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => RfmScorer.Score([Customer("x", 1, 0, 0m)], Now));

        Assert.StartsWith("customer 'x' has 0 orders", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(366)]
    [InlineData(-1)]
    public void Score_LastOrderOutsideWindow_Throws(int days)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => RfmScorer.Score([Customer("x", days, 1, 1m)], Now));

        Assert.StartsWith("customer 'x' last ordered at ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ShorterLookBack_NarrowsTheWindow()
    {
        var options = new RfmOptions { LookBack = TimeSpan.FromDays(30) };

        Assert.Throws<ArgumentException>(() => RfmScorer.Score([Customer("x", 31, 1, 1m)], Now, options));
        RfmResult result = RfmScorer.Score([Customer("x", 30, 1, 1m)], Now, options);
        Assert.Equal(new RfmWindow(Now.AddDays(-30), Now), result.Window);
    }

    [Fact]
    public void Score_CustomMap_NamesSegmentsFromIt()
    {
        RfmSegmentMap map = RfmSegmentMapJson.Parse("""
            {"segments":[{"name":"Active","cells":[{"r":[3,5],"fm":[1,5]}]},{"name":"Inactive","cells":[{"r":[1,2],"fm":[1,5]}]}]}
            """).Map!;

        RfmResult result = RfmScorer.Score(
            [.. Enumerable.Range(0, 5).Select(i => Customer($"c{i}", days: i, orders: 1, revenue: 1m))], Now, new RfmOptions { Map = map });

        Assert.Equal(["Active", "Active", "Active", "Inactive", "Inactive"], result.Scores.Select(s => s.Segment));
        Assert.Equal<RfmSegmentSize>([new("Active", 3, 3m), new("Inactive", 2, 2m)], result.Segments);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(23, 0)]
    [InlineData(24, 1)]
    [InlineData(24 * 365, 365)]
    public void DaysSince_PartialDays_RoundsDown(int hours, int days)
    {
        Assert.Equal(days, RfmScorer.DaysSince(Now.AddHours(-hours), Now));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 2, 2)]
    [InlineData(2, 1, 1)]
    [InlineData(1, 5, 3)]
    [InlineData(5, 1, 3)]
    [InlineData(4, 5, 5)]
    [InlineData(5, 4, 4)]
    [InlineData(3, 3, 3)]
    public void CombineFm_HalfwayMeans_RoundTowardM(int f, int m, int fm)
    {
        Assert.Equal(fm, RfmScore.CombineFm(f, m));
    }

    internal static RfmInput Customer(string id, int days, int orders, decimal revenue) =>
        new(id, Now.AddDays(-days), orders, revenue);
}
