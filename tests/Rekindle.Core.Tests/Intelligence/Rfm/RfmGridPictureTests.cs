using System.Xml.Linq;
using Rekindle.Core.Intelligence.Rfm;

namespace Rekindle.Core.Tests.Intelligence.Rfm;

public class RfmGridPictureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Cell (R, FM) holds R·10 + FM customers, except R1 FM1 (empty); revenue is ten per customer.</summary>
    private static (RfmGrid Grid, List<RfmSegmentSize> Segments) Sample(RfmSegmentMap map)
    {
        var cells = new List<RfmGridCell>();
        for (var r = 5; r >= 1; r--)
        {
            for (var fm = 1; fm <= 5; fm++)
            {
                var customers = r == 1 && fm == 1 ? 0 : (r * 10) + fm;
                cells.Add(new RfmGridCell(r, fm, map.SegmentOf(r, fm), customers, customers * 10m));
            }
        }

        var segments = map.Segments.Select(s => new RfmSegmentSize(s,
            cells.Where(c => c.Segment == s).Sum(c => c.Customers), cells.Where(c => c.Segment == s).Sum(c => c.Revenue))).ToList();
        return (new RfmGrid([.. cells]), segments);
    }

    [Fact]
    public void Svg_DefaultMap_OneCellPerScorePairStrengthByShareOfTheBusiest()
    {
        var (grid, segments) = Sample(RfmSegmentMap.Default);

        var svg = XDocument.Parse(RfmGridPicture.Svg(grid, segments, "RFM as of 2011-12-10"));

        var cells = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "cell").ToList();
        Assert.Equal(25, cells.Count);
        var champions = cells.Single(c => (string?)c.Attribute("data-r") == "5" && (string?)c.Attribute("data-fm") == "5");
        Assert.Equal(("Champions", "55"), ((string?)champions.Attribute("data-segment"), (string?)champions.Attribute("data-customers")));
        // The busiest cell (R5 FM5, 55 customers) is full strength, the empty one (R1 FM1) the floor of 0.15.
        Assert.Equal("1.00", (string?)champions.Element(Svg + "rect")!.Attribute("fill-opacity"));
        Assert.Equal(["55", "Champions"], champions.Elements(Svg + "text").Select(t => t.Value));
        var lost = cells.Single(c => (string?)c.Attribute("data-r") == "1" && (string?)c.Attribute("data-fm") == "1");
        Assert.Equal(("Lost", "0.15"), ((string?)lost.Attribute("data-segment"), (string?)lost.Element(Svg + "rect")!.Attribute("fill-opacity")));
        // R5 FM5 sits top right: five cell widths across, first row down.
        Assert.Equal(("480", "64"), ((string?)champions.Element(Svg + "rect")!.Attribute("x"), (string?)champions.Element(Svg + "rect")!.Attribute("y")));
        Assert.Equal("RFM as of 2011-12-10", svg.Root!.Element(Svg + "title")!.Value);

        // Text stays readable: white on the full dark green, dark on a strong yellow (Need Attention, R3 FM3, 33 of 55).
        Assert.Equal("#ffffff", (string?)champions.Element(Svg + "text")!.Attribute("fill"));
        var attention = cells.Single(c => (string?)c.Attribute("data-r") == "3" && (string?)c.Attribute("data-fm") == "3");
        Assert.Equal(("Need Attention", "0.66", "#222222"), ((string?)attention.Attribute("data-segment"),
            (string?)attention.Element(Svg + "rect")!.Attribute("fill-opacity"), (string?)attention.Element(Svg + "text")!.Attribute("fill")));
    }

    [Fact]
    public void Svg_Legend_ListsTheSegmentsInMapOrderWithShareAndRevenue()
    {
        var (grid, segments) = Sample(RfmSegmentMap.Default);

        var svg = XDocument.Parse(RfmGridPicture.Svg(grid, segments, "t"));

        var legend = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "segment")
            .Select(g => string.Join(" | ", g.Elements(Svg + "text").Select(t => t.Value))).ToList();
        // Σ (10·R + FM) over the 25 cells is 825, minus the empty R1 FM1 (11): 814 customers. Champions own R5 FM4–5
        // and R4 FM5: 54 + 55 + 45 = 154, 18.9 % of 814; revenue ten each.
        Assert.Equal(RfmSegmentMap.Default.Segments.Length, legend.Count);
        Assert.Equal("Champions | 154 (18.9 %) | 1,540", legend[0]);
        Assert.Equal("Lost | 0 (0.0 %) | 0", legend[^1]);
    }

    [Fact]
    public void Svg_ShopSegmentNames_AreEscapedAndColoured()
    {
        var map = RfmSegmentMapJson.Parse("""
            {"segments":[{"name":"Fresh & <new>","cells":[{"r":[4,5],"fm":[1,5]}]},{"name":"Everyone else","cells":[{"r":[1,3],"fm":[1,5]}]}]}
            """).Map!;
        var (grid, segments) = Sample(map);

        var text = RfmGridPicture.Svg(grid, segments, "Shop \"A\" & co");
        var svg = XDocument.Parse(text);

        Assert.Contains("Fresh &amp; &lt;new&gt;", text, StringComparison.Ordinal);
        var fills = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "segment")
            .Select(g => (string?)g.Element(Svg + "rect")!.Attribute("fill")).ToList();
        Assert.Equal(["#8e44ad", "#16a085"], fills);
        Assert.Equal("Shop \"A\" & co", svg.Root!.Element(Svg + "title")!.Value);
    }
}
