using Rekindle.Core.Intelligence.Rfm;

namespace Rekindle.Core.Tests.Intelligence.Rfm;

public class RfmSegmentMapTests
{
    // The grid of docs/rfm.md, rows R 5..1, columns FM 1..5.
    private static readonly string[][] DocumentedGrid =
    [
        [RfmSegments.NewCustomers, RfmSegments.PotentialLoyalist, RfmSegments.PotentialLoyalist, RfmSegments.Champions, RfmSegments.Champions],
        [RfmSegments.Promising, RfmSegments.PotentialLoyalist, RfmSegments.PotentialLoyalist, RfmSegments.Loyal, RfmSegments.Champions],
        [RfmSegments.AboutToSleep, RfmSegments.NeedAttention, RfmSegments.NeedAttention, RfmSegments.Loyal, RfmSegments.Loyal],
        [RfmSegments.Hibernating, RfmSegments.AboutToSleep, RfmSegments.AtRisk, RfmSegments.AtRisk, RfmSegments.CannotLoseThem],
        [RfmSegments.Lost, RfmSegments.Hibernating, RfmSegments.AtRisk, RfmSegments.CannotLoseThem, RfmSegments.CannotLoseThem],
    ];

    [Fact]
    public void Default_EveryCell_IsClaimedByExactlyOneSegmentDefinition()
    {
        // Counted from the definitions themselves, not through the lookup table the map builds from them.
        var claims = new int[6, 6];
        foreach (RfmCellRange range in RfmSegmentMap.Default.Definitions.SelectMany(d => d.Cells))
        {
            for (int r = range.R.Low; r <= range.R.High; r++)
            {
                for (int fm = range.Fm.Low; fm <= range.Fm.High; fm++)
                {
                    claims[r, fm]++;
                }
            }
        }

        for (int r = 1; r <= 5; r++)
        {
            for (int fm = 1; fm <= 5; fm++)
            {
                Assert.True(claims[r, fm] == 1, $"cell R{r} FM{fm} is claimed {claims[r, fm]} times");
            }
        }
    }

    [Fact]
    public void Default_Grid_IsTheDocumentedOne()
    {
        for (int r = 5; r >= 1; r--)
        {
            Assert.Equal(DocumentedGrid[5 - r], Enumerable.Range(1, 5).Select(fm => RfmSegmentMap.Default.SegmentOf(r, fm)));
        }
    }

    [Fact]
    public void Default_Documentation_ShowsThisGridAndThisJson()
    {
        string doc = File.ReadAllText(Path.Combine(Rekindle.Testing.RepositoryRoot.Path, "docs", "rfm.md")).ReplaceLineEndings("\n");

        string[][] rows =
        [
            .. doc.Split('\n').Where(line => line.StartsWith("| **", StringComparison.Ordinal))
                .Select(line => line.Split('|', StringSplitOptions.TrimEntries)[2..^1]),
        ];
        Assert.Equal(DocumentedGrid, rows);
        Assert.Contains("```json\n" + RfmSegmentMapJson.Serialize(RfmSegmentMap.Default) + "```", doc, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_Segments_AreTheElevenInOrder()
    {
        Assert.Equal<string>(
            ["Champions", "Loyal", "Potential Loyalist", "New Customers", "Promising", "Need Attention", "About to Sleep", "At Risk",
             "Cannot Lose Them", "Hibernating", "Lost"],
            RfmSegmentMap.Default.Segments);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(6, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 6)]
    public void SegmentOf_ScoreOffTheScale_Throws(int r, int fm)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSegmentMap.Default.SegmentOf(r, fm));
    }

    [Fact]
    public void Create_OverlappingCells_NamesBothSegmentsAndTheCell()
    {
        RfmSegmentMapResult result = RfmSegmentMap.Create(
        [
            Segment("High", new RfmCellRange(new(3, 5), new(1, 5))),
            Segment("Low", new RfmCellRange(new(1, 3), new(4, 4)), new RfmCellRange(new(1, 2), new(1, 5))),
        ]);

        Assert.Null(result.Map);
        Assert.Equal(
            [
                new RfmMapError("segments[1].cells[0]", "cell R3 FM4 of 'Low' already belongs to 'High' (segments[0].cells[0])"),
                new RfmMapError("segments[1].cells[1]", "cell R2 FM4 of 'Low' already belongs to 'Low' (segments[1].cells[0])"),
                new RfmMapError("segments[1].cells[1]", "cell R1 FM4 of 'Low' already belongs to 'Low' (segments[1].cells[0])"),
            ],
            result.Errors);
    }

    [Fact]
    public void Create_UncoveredCells_ListsEachCell()
    {
        RfmSegmentMapResult result = RfmSegmentMap.Create(
        [
            Segment("Top", new RfmCellRange(new(5, 5), new(1, 5))),
            Segment("Rest", new RfmCellRange(new(1, 4), new(2, 5))),
        ]);

        Assert.Equal(
            [.. new[] { 4, 3, 2, 1 }.Select(r => new RfmMapError("segments", $"cell R{r} FM1 belongs to no segment"))],
            result.Errors);
    }

    [Fact]
    public void Create_BadRangesNamesAndEmptyLists_AreAllReported()
    {
        RfmSegmentMapResult result = RfmSegmentMap.Create(
        [
            Segment("", new RfmCellRange(new(0, 5), new(1, 5))),
            Segment("Some", new RfmCellRange(new(1, 5), new(4, 2))),
            Segment("some"),
            Segment(" Padded", new RfmCellRange(new(1, 5), new(6, 6))),
        ]);

        Assert.Equal(
            [
                new("segments[0].name", "must not be empty"),
                new("segments[0].cells[0].r", "must be a score or a range of scores within 1-5, low before high; got 0-5"),
                new("segments[1].cells[0].fm", "must be a score or a range of scores within 1-5, low before high; got 4-2"),
                new("segments[2].name", "'some' is already the name of segments[1]"),
                new("segments[2].cells", "must list at least one cell range"),
                new("segments[3].name", "' Padded' must not start or end with white space"),
                new("segments[3].cells[0].fm", "must be a score or a range of scores within 1-5, low before high; got 6-6"),
            ],
            result.Errors.Where(e => e.Path != "segments"));
        Assert.Equal(25, result.Errors.Count(e => e.Path == "segments"));
    }

    [Fact]
    public void Create_NoSegments_IsAnError()
    {
        Assert.Equal([new RfmMapError("segments", "must list at least one segment")], RfmSegmentMap.Create([]).Errors);
    }

    [Fact]
    public void DefinitionEquals_SameNameAndCells_ComparesTheCellsNotTheArrays()
    {
        RfmCellRange top = new(RfmRange.Of(5), new RfmRange(1, 5));

        Assert.Equal(Segment("A", top), Segment("A", top));
        Assert.NotEqual(Segment("A", top), Segment("A", top, new RfmCellRange(RfmRange.Of(4), RfmRange.Of(1))));
        Assert.NotEqual(Segment("A", top), Segment("B", top));
    }

    private static RfmSegmentDefinition Segment(string name, params RfmCellRange[] cells) => new(name, [.. cells]);
}
