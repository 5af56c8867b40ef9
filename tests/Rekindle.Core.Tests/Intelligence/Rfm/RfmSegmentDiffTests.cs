using Rekindle.Core.Intelligence.Rfm;

namespace Rekindle.Core.Tests.Intelligence.Rfm;

public class RfmSegmentDiffTests
{
    [Fact]
    public void Compare_MixedCustomers_ListsMovesArrivalsAndDropOuts()
    {
        var previous = new Dictionary<string, string>
        {
            ["same"] = RfmSegments.Loyal,
            ["moved"] = RfmSegments.Champions,
            ["gone-b"] = RfmSegments.AtRisk,
            ["gone-a"] = RfmSegments.Lost,
        };
        RfmScore[] current = [Score("new", RfmSegments.NewCustomers), Score("moved", RfmSegments.AtRisk), Score("same", RfmSegments.Loyal)];

        Assert.Equal<RfmSegmentChange>(
            [
                new RfmSegmentChange("new", null, RfmSegments.NewCustomers),
                new RfmSegmentChange("moved", RfmSegments.Champions, RfmSegments.AtRisk),
                new RfmSegmentChange("gone-a", RfmSegments.Lost, null),
                new RfmSegmentChange("gone-b", RfmSegments.AtRisk, null),
            ],
            RfmSegmentDiff.Compare(previous, current));
    }

    [Fact]
    public void Compare_NothingChanged_IsEmpty()
    {
        var previous = new Dictionary<string, string> { ["a"] = RfmSegments.Lost, ["b"] = RfmSegments.Promising };

        Assert.Empty(RfmSegmentDiff.Compare(previous, [Score("b", RfmSegments.Promising), Score("a", RfmSegments.Lost)]));
    }

    [Fact]
    public void Compare_SegmentNamesDifferingInCase_IsAChange()
    {
        var previous = new Dictionary<string, string> { ["a"] = "at risk" };

        Assert.Equal<RfmSegmentChange>([new RfmSegmentChange("a", "at risk", RfmSegments.AtRisk)], RfmSegmentDiff.Compare(previous, [Score("a", RfmSegments.AtRisk)]));
    }

    [Fact]
    public void Compare_AfterAScoringRun_FollowsTheNewScores()
    {
        DateTimeOffset now = new(2024, 1, 31, 0, 0, 0, TimeSpan.Zero);
        RfmResult first = RfmScorer.Score([new("a", now.AddDays(-1), 1, 10m), new("b", now.AddDays(-200), 9, 900m)], now);
        var stored = first.Scores.ToDictionary(s => s.CustomerId, s => s.Segment);

        // "a" buys a lot more; "b" stays as it was but is now compared with a stronger "a".
        RfmResult second = RfmScorer.Score([new("a", now, 12, 2000m), new("b", now.AddDays(-200), 9, 900m)], now);

        Assert.Equal<RfmSegmentChange>(
            [
                new RfmSegmentChange("a", RfmSegments.NewCustomers, RfmSegments.PotentialLoyalist),
                new RfmSegmentChange("b", RfmSegments.NeedAttention, RfmSegments.AboutToSleep),
            ],
            RfmSegmentDiff.Compare(stored, second.Scores));
    }

    private static RfmScore Score(string id, string segment) => new(id, 1, 1, 1m, 3, 3, 3, segment);
}
