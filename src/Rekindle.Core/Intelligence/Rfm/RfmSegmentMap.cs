using System.Collections.Immutable;

namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>
/// Which segment each cell of the 5 × 5 R × FM grid belongs to. A valid map gives every one of the 25 cells
/// to exactly one segment — no gaps, so every customer has a segment; no overlaps, so the answer does not
/// depend on rule order. Built by <see cref="Create"/> (or parsed from JSON by <see cref="RfmSegmentMapJson"/>),
/// which reports every problem instead of stopping at the first.
/// </summary>
public sealed class RfmSegmentMap
{
    private const int CellCount = RfmScale.Max * RfmScale.Max;

    // Segment index per cell, (r - 1) * 5 + (fm - 1): a lookup instead of a rule search per customer.
    private readonly int[] segmentOfCell;

    private RfmSegmentMap(ImmutableArray<RfmSegmentDefinition> definitions, int[] segmentOfCell)
    {
        Definitions = definitions;
        Segments = [.. definitions.Select(d => d.Name)];
        this.segmentOfCell = segmentOfCell;
    }

    /// <summary>The eleven-segment map documented in docs/rfm.md.</summary>
    public static RfmSegmentMap Default { get; } = CreateOrThrow(
    [
        Segment(RfmSegments.Champions, Cells(5, 4, 5), Cells(4, 5, 5)),
        Segment(RfmSegments.Loyal, Cells(4, 4, 4), Cells(3, 4, 5)),
        Segment(RfmSegments.PotentialLoyalist, new RfmCellRange(new(4, 5), new(2, 3))),
        Segment(RfmSegments.NewCustomers, Cells(5, 1, 1)),
        Segment(RfmSegments.Promising, Cells(4, 1, 1)),
        Segment(RfmSegments.NeedAttention, Cells(3, 2, 3)),
        Segment(RfmSegments.AboutToSleep, Cells(3, 1, 1), Cells(2, 2, 2)),
        Segment(RfmSegments.AtRisk, Cells(2, 3, 4), Cells(1, 3, 3)),
        Segment(RfmSegments.CannotLoseThem, Cells(2, 5, 5), Cells(1, 4, 5)),
        Segment(RfmSegments.Hibernating, Cells(2, 1, 1), Cells(1, 2, 2)),
        Segment(RfmSegments.Lost, Cells(1, 1, 1)),
    ]);

    /// <summary>The segments as given, in their order.</summary>
    public ImmutableArray<RfmSegmentDefinition> Definitions { get; }

    /// <summary>The segment names, in the order of <see cref="Definitions"/>.</summary>
    public ImmutableArray<string> Segments { get; }

    public string SegmentOf(int r, int fm) => Segments[SegmentIndexOf(r, fm)];

    internal int SegmentIndexOf(int r, int fm)
    {
        RfmScale.Check(r, nameof(r));
        RfmScale.Check(fm, nameof(fm));
        return segmentOfCell[((r - 1) * RfmScale.Max) + fm - 1];
    }

    /// <summary>Validates the segments and builds the map; the errors name the segment and cell at fault.</summary>
    public static RfmSegmentMapResult Create(IReadOnlyList<RfmSegmentDefinition> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var errors = new List<RfmMapError>();
        if (segments.Count == 0)
        {
            errors.Add(new("segments", "must list at least one segment"));
            return new(null, errors);
        }

        var owner = new (int Segment, int Range)?[CellCount];
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int s = 0; s < segments.Count; s++)
        {
            RfmSegmentDefinition segment = segments[s];
            string path = $"segments[{s}]";
            CheckName(segment.Name, s, path, names, errors);
            if (segment.Cells.IsDefaultOrEmpty)
            {
                errors.Add(new($"{path}.cells", "must list at least one cell range"));
                continue;
            }

            for (int c = 0; c < segment.Cells.Length; c++)
            {
                Claim(segments, s, c, owner, errors);
            }
        }

        for (int r = RfmScale.Max; r >= RfmScale.Min; r--)
        {
            for (int fm = RfmScale.Min; fm <= RfmScale.Max; fm++)
            {
                if (owner[((r - 1) * RfmScale.Max) + fm - 1] is null)
                {
                    errors.Add(new("segments", $"cell R{r} FM{fm} belongs to no segment"));
                }
            }
        }

        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        int[] table = [.. owner.Select(o => o!.Value.Segment)];
        return new(new RfmSegmentMap([.. segments], table), errors);
    }

    private static void CheckName(string? name, int index, string path, Dictionary<string, int> names, List<RfmMapError> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new($"{path}.name", "must not be empty"));
        }
        else if (name.Trim().Length != name.Length)
        {
            errors.Add(new($"{path}.name", $"'{name}' must not start or end with white space"));
        }
        else if (!names.TryAdd(name, index))
        {
            // Case-insensitive: "Loyal" and "loyal" would be two segments that read as one in reports and flows.
            errors.Add(new($"{path}.name", $"'{name}' is already the name of segments[{names[name]}]"));
        }
    }

    private static void Claim(IReadOnlyList<RfmSegmentDefinition> segments, int s, int c, (int Segment, int Range)?[] owner, List<RfmMapError> errors)
    {
        RfmCellRange range = segments[s].Cells[c];
        string path = $"segments[{s}].cells[{c}]";
        bool valid = CheckRange(range.R, $"{path}.r", errors) & CheckRange(range.Fm, $"{path}.fm", errors);
        if (!valid)
        {
            return;
        }

        for (int r = range.R.High; r >= range.R.Low; r--)
        {
            for (int fm = range.Fm.Low; fm <= range.Fm.High; fm++)
            {
                ref (int Segment, int Range)? cell = ref owner[((r - 1) * RfmScale.Max) + fm - 1];
                if (cell is { } first)
                {
                    errors.Add(new(path, $"cell R{r} FM{fm} of '{segments[s].Name}' already belongs to '{segments[first.Segment].Name}' (segments[{first.Segment}].cells[{first.Range}])"));
                }
                else
                {
                    cell = (s, c);
                }
            }
        }
    }

    private static bool CheckRange(RfmRange range, string path, List<RfmMapError> errors)
    {
        if (range.Low < RfmScale.Min || range.High > RfmScale.Max || range.Low > range.High)
        {
            errors.Add(new(path, $"must be a score or a range of scores within 1-5, low before high; got {range.Low}-{range.High}"));
            return false;
        }

        return true;
    }

    private static RfmSegmentMap CreateOrThrow(IReadOnlyList<RfmSegmentDefinition> segments)
    {
        RfmSegmentMapResult result = Create(segments);
        return result.Map ?? throw new InvalidOperationException("invalid built-in RFM map: " + string.Join("; ", result.Errors));
    }

    private static RfmSegmentDefinition Segment(string name, params RfmCellRange[] cells) => new(name, [.. cells]);

    private static RfmCellRange Cells(int r, int fmLow, int fmHigh) => new(RfmRange.Of(r), new RfmRange(fmLow, fmHigh));
}
