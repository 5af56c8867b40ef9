using Rekindle.Core.Intelligence.Rfm;

namespace Rekindle.Core.Tests.Intelligence.Rfm;

public class RfmSegmentMapJsonTests
{
    [Fact]
    public void Parse_SerializedDefault_GivesTheSameMap()
    {
        string json = RfmSegmentMapJson.Serialize(RfmSegmentMap.Default);

        RfmSegmentMapResult result = RfmSegmentMapJson.Parse(json);

        Assert.Empty(result.Errors);
        Assert.Equal<RfmSegmentDefinition>(RfmSegmentMap.Default.Definitions, result.Map!.Definitions);
        Assert.Equal<string>(RfmSegmentMap.Default.Segments, result.Map.Segments);
    }

    [Fact]
    public void Serialize_Default_WritesOneSegmentPerLineWithRangesAsPairs()
    {
        string json = RfmSegmentMapJson.Serialize(RfmSegmentMap.Default);

        Assert.StartsWith("""
            {"segments":[
              {"name":"Champions","cells":[{"r":5,"fm":[4,5]},{"r":4,"fm":5}]},
              {"name":"Loyal","cells":[{"r":4,"fm":4},{"r":3,"fm":[4,5]}]},
              {"name":"Potential Loyalist","cells":[{"r":[4,5],"fm":[2,3]}]},
            """.ReplaceLineEndings("\n"), json, StringComparison.Ordinal);
        Assert.EndsWith("""
              {"name":"Lost","cells":[{"r":1,"fm":1}]}
            ]}

            """.ReplaceLineEndings("\n"), json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoSegmentMap_MapsEveryCell()
    {
        RfmSegmentMapResult result = RfmSegmentMapJson.Parse("""
            {"segments":[{"name":"Recent","cells":[{"r":[4,5],"fm":[1,5]}]},
                         {"name":"Older","cells":[{"r":3,"fm":[1,5]},{"r":[1,2],"fm":[1,5]}]}]}
            """);

        Assert.Empty(result.Errors);
        RfmSegmentMap map = result.Map!;
        Assert.Equal<string>(["Recent", "Older"], map.Segments);
        Assert.Equal("Recent", map.SegmentOf(4, 1));
        Assert.Equal("Older", map.SegmentOf(3, 5));
        Assert.Equal("Older", map.SegmentOf(1, 1));
    }

    [Fact]
    public void Parse_NotJson_SaysSo()
    {
        RfmMapError error = Assert.Single(RfmSegmentMapJson.Parse("{\"segments\":[,").Errors);

        Assert.Equal("", error.Path);
        Assert.Equal("is not valid JSON: unexpected character ',' at line 1, column 14", error.Problem);
    }

    [Theory]
    [InlineData("[]", "", "must be an object")]
    [InlineData("{}", "segments", "is required and must be an array of segments")]
    [InlineData("""{"segments":{}}""", "segments", "is required and must be an array of segments")]
    [InlineData("""{"segments":[],"extra":1}""", "extra", "unknown property; expected \"segments\"")]
    [InlineData("""{"segments":[3]}""", "segments[0]", "must be an object")]
    [InlineData("""{"segments":[{"cells":[{"r":1,"fm":1}]}]}""", "segments[0].name", "is required and must be a string")]
    [InlineData("""{"segments":[{"name":7,"cells":[{"r":1,"fm":1}]}]}""", "segments[0].name", "is required and must be a string")]
    [InlineData("""{"segments":[{"name":"A"}]}""", "segments[0].cells", "is required and must be an array of {\"r\":…,\"fm\":…} cell ranges")]
    [InlineData("""{"segments":[{"name":"A","cells":[{"r":1,"fm":1}],"colour":"red"}]}""", "segments[0].colour", "unknown property; expected \"name\", \"cells\"")]
    [InlineData("""{"segments":[{"name":"A","name":"B","cells":[{"r":1,"fm":1}]}]}""", "segments[0].name", "duplicate property")]
    [InlineData("""{"segments":[{"name":"A","cells":[{"r":1}]}]}""", "segments[0].cells[0].fm", "is required and must be a score 1-5 or a [low, high] pair of scores")]
    [InlineData("""{"segments":[{"name":"A","cells":[{"r":1,"fm":"4-5"}]}]}""", "segments[0].cells[0].fm", "is required and must be a score 1-5 or a [low, high] pair of scores; got \"4-5\"")]
    [InlineData("""{"segments":[{"name":"A","cells":[{"r":[1,2,3],"fm":1}]}]}""", "segments[0].cells[0].r", "is required and must be a score 1-5 or a [low, high] pair of scores; got [1,2,3]")]
    [InlineData("""{"segments":[{"name":"A","cells":[{"r":2.5,"fm":1}]}]}""", "segments[0].cells[0].r", "is required and must be a score 1-5 or a [low, high] pair of scores; got 2.5")]
    [InlineData("""{"segments":[{"name":"A","cells":[{"r":1,"fm":1,"m":2}]}]}""", "segments[0].cells[0].m", "unknown property; expected \"r\", \"fm\"")]
    public void Parse_MalformedDocument_NamesThePath(string json, string path, string problem)
    {
        Assert.Equal([new RfmMapError(path, problem)], RfmSegmentMapJson.Parse(json).Errors);
    }

    [Fact]
    public void Parse_WellFormedButInvalidMap_ReportsTheMapErrors()
    {
        RfmSegmentMapResult result = RfmSegmentMapJson.Parse("""
            {"segments":[{"name":"All","cells":[{"r":[1,5],"fm":[1,5]}]},{"name":"Top","cells":[{"r":5,"fm":[6,7]},{"r":5,"fm":5}]}]}
            """);

        Assert.Null(result.Map);
        Assert.Equal(
            [
                new("segments[1].cells[0].fm", "must be a score or a range of scores within 1-5, low before high; got 6-7"),
                new("segments[1].cells[1]", "cell R5 FM5 of 'Top' already belongs to 'All' (segments[0].cells[0])"),
            ],
            result.Errors);
    }
}
