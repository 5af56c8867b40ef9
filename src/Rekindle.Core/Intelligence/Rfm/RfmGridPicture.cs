using System.Globalization;
using System.Security;
using System.Text;

namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>
/// The R × FM grid as an SVG picture, the way marketers read RFM: recent customers at the top, valuable ones on the
/// right, each cell in its segment's colour and as strong as its share of customers, and the segments listed beside
/// with their customers and revenue. Self-contained (no script, no external font or style), so it opens in a
/// browser, an email or a slide alike.
/// </summary>
public static class RfmGridPicture
{
    private const int CellWidth = 104;
    private const int CellHeight = 72;
    private const int GridLeft = 64;
    private const int GridTop = 64;
    private const int LegendLeft = GridLeft + (5 * CellWidth) + 40;
    private const int Width = LegendLeft + 330;

    // The default segments in colours that keep the picture's story: greens for the best, blues for the promising,
    // ambers for those slipping, reds for valuable customers going quiet, greys for the lost.
    private static readonly Dictionary<string, string> DefaultColours = new(StringComparer.Ordinal)
    {
        [RfmSegments.Champions] = "#1b7f3b",
        [RfmSegments.Loyal] = "#4caf50",
        [RfmSegments.PotentialLoyalist] = "#2e86c1",
        [RfmSegments.NewCustomers] = "#5dade2",
        [RfmSegments.Promising] = "#76d7c4",
        [RfmSegments.NeedAttention] = "#f4d03f",
        [RfmSegments.AboutToSleep] = "#f39c12",
        [RfmSegments.AtRisk] = "#e67e22",
        [RfmSegments.CannotLoseThem] = "#c0392b",
        [RfmSegments.Hibernating] = "#95a5a6",
        [RfmSegments.Lost] = "#616a6b",
    };

    // For the segments of a shop's own map, in the order of the map.
    private static readonly string[] OtherColours =
        ["#8e44ad", "#16a085", "#d35400", "#2c3e50", "#27ae60", "#e74c3c", "#3498db", "#f1c40f", "#7f8c8d", "#9b59b6", "#1abc9c"];

    /// <param name="title">The first line, e.g. "RFM as of 2011-12-10 — 4,338 customers".</param>
    public static string Svg(RfmGrid grid, IReadOnlyList<RfmSegmentSize> segments, string title)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(title);
        var colours = Colours(segments);
        var customers = Math.Max(1, segments.Sum(s => s.Customers));
        var busiest = Math.Max(1, grid.Cells.Max(c => c.Customers));
        var height = Math.Max(GridTop + (5 * CellHeight) + 70, 110 + (segments.Count * 26));
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" "))
            .Append("font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">")
            .Append(Inv($"<title>{Text(title)}</title>"))
            .Append(Inv($"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>"))
            .Append(Inv($"<text x=\"{GridLeft}\" y=\"30\" font-size=\"18\" font-weight=\"bold\" fill=\"#222\">{Text(title)}</text>"));

        foreach (var cell in grid.Cells)
        {
            var x = GridLeft + ((cell.Fm - 1) * CellWidth);
            var y = GridTop + ((5 - cell.R) * CellHeight);
            // Never fully transparent: an empty cell still shows which segment owns it.
            var strength = 0.15 + (0.85 * cell.Customers / busiest);
            var colour = colours.GetValueOrDefault(cell.Segment, "#999999");
            var ink = Ink(colour, strength);
            svg.Append(Inv($"<g class=\"cell\" data-r=\"{cell.R}\" data-fm=\"{cell.Fm}\" data-segment=\"{Text(cell.Segment)}\" data-customers=\"{cell.Customers}\">"))
                .Append(Inv($"<rect x=\"{x}\" y=\"{y}\" width=\"{CellWidth - 2}\" height=\"{CellHeight - 2}\" rx=\"4\" fill=\"{colour}\" fill-opacity=\"{strength:0.00}\"/>"))
                .Append(Inv($"<text x=\"{x + (CellWidth / 2) - 1}\" y=\"{y + 32}\" font-size=\"18\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"{ink}\">{cell.Customers:N0}</text>"))
                .Append(Inv($"<text x=\"{x + (CellWidth / 2) - 1}\" y=\"{y + 52}\" font-size=\"10\" text-anchor=\"middle\" fill=\"{ink}\">{Text(cell.Segment)}</text>"))
                .Append("</g>");
        }

        for (var i = 1; i <= 5; i++)
        {
            svg.Append(Inv($"<text x=\"{GridLeft - 14}\" y=\"{GridTop + ((5 - i) * CellHeight) + 40}\" font-size=\"14\" text-anchor=\"middle\" fill=\"#444\">{i}</text>"))
                .Append(Inv($"<text x=\"{GridLeft + ((i - 1) * CellWidth) + (CellWidth / 2)}\" y=\"{GridTop + (5 * CellHeight) + 18}\" font-size=\"14\" text-anchor=\"middle\" fill=\"#444\">{i}</text>"));
        }

        svg.Append(Inv($"<text x=\"{GridLeft + (5 * CellWidth / 2)}\" y=\"{GridTop + (5 * CellHeight) + 42}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#444\">FM: frequency and money → more valuable</text>"))
            .Append(Inv($"<text x=\"22\" y=\"{GridTop + (5 * CellHeight / 2)}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#444\" transform=\"rotate(-90 22 {GridTop + (5 * CellHeight / 2)})\">R: recency → bought more recently</text>"));

        svg.Append(Inv($"<text x=\"{LegendLeft}\" y=\"{GridTop + 10}\" font-size=\"13\" font-weight=\"bold\" fill=\"#222\">Segment</text>"))
            .Append(Inv($"<text x=\"{LegendLeft + 230}\" y=\"{GridTop + 10}\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"end\" fill=\"#222\">Customers</text>"))
            .Append(Inv($"<text x=\"{LegendLeft + 320}\" y=\"{GridTop + 10}\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"end\" fill=\"#222\">Revenue</text>"));
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            var y = GridTop + 32 + (i * 26);
            var share = 100.0 * s.Customers / customers;
            svg.Append(Inv($"<g class=\"segment\" data-segment=\"{Text(s.Segment)}\" data-customers=\"{s.Customers}\">"))
                .Append(Inv($"<rect x=\"{LegendLeft}\" y=\"{y - 12}\" width=\"14\" height=\"14\" rx=\"2\" fill=\"{colours[s.Segment]}\"/>"))
                .Append(Inv($"<text x=\"{LegendLeft + 22}\" y=\"{y}\" font-size=\"13\" fill=\"#222\">{Text(s.Segment)}</text>"))
                .Append(Inv($"<text x=\"{LegendLeft + 230}\" y=\"{y}\" font-size=\"13\" text-anchor=\"end\" fill=\"#222\">{s.Customers:N0} ({share:0.0} %)</text>"))
                .Append(Inv($"<text x=\"{LegendLeft + 320}\" y=\"{y}\" font-size=\"13\" text-anchor=\"end\" fill=\"#222\">{s.Revenue:N0}</text>"))
                .Append("</g>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The default segments keep their colours; a shop's own segments take the others in map order.</summary>
    private static Dictionary<string, string> Colours(IReadOnlyList<RfmSegmentSize> segments)
    {
        var colours = new Dictionary<string, string>(StringComparer.Ordinal);
        var next = 0;
        foreach (var s in segments)
        {
            colours[s.Segment] = DefaultColours.TryGetValue(s.Segment, out var colour) ? colour : OtherColours[next++ % OtherColours.Length];
        }

        return colours;
    }

    /// <summary>
    /// Dark text unless the cell, as painted (the colour over white at <paramref name="strength"/>), is dark: chosen by
    /// its relative luminance, so a strong yellow keeps dark text where a strong green gets white.
    /// </summary>
    private static string Ink(string colour, double strength)
    {
        double Channel(int offset)
        {
            var painted = (255 * (1 - strength)) + (Convert.ToInt32(colour.Substring(offset, 2), 16) * strength);
            var c = painted / 255;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var luminance = (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
        // Where white and dark text contrast equally (WCAG): L = 0.179.
        return luminance < 0.179 ? "#ffffff" : "#222222";
    }

    private static string Text(string value) => SecurityElement.Escape(value);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
