using System.Collections.Immutable;

namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>An inclusive range of scores, e.g. 4–5; a single score is <c>new RfmRange(3, 3)</c>.</summary>
public readonly record struct RfmRange(int Low, int High)
{
    public static RfmRange Of(int score) => new(score, score);

    public bool Contains(int score) => score >= Low && score <= High;

    public override string ToString() => Low == High ? $"{Low}" : $"{Low}-{High}";
}

/// <summary>A rectangle of grid cells: every (R, FM) with R in <paramref name="R"/> and FM in <paramref name="Fm"/>.</summary>
public readonly record struct RfmCellRange(RfmRange R, RfmRange Fm)
{
    public override string ToString() => $"R{R} FM{Fm}";
}

/// <summary>A named segment and the cells of the R × FM grid it owns. Equal when the name and the cell list are.</summary>
public sealed record RfmSegmentDefinition(string Name, ImmutableArray<RfmCellRange> Cells)
{
    public bool Equals(RfmSegmentDefinition? other) =>
        other is not null && Name == other.Name && Cells.AsSpan().SequenceEqual(other.Cells.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Name, Cells.Length);
}

/// <summary>
/// One problem in a segment map. <paramref name="Path"/> names the offending value the way the JSON form
/// spells it: "segments[2].name", "segments[0].cells[1].fm"; "segments" for a problem of the whole list (a
/// cell no segment owns); "" for the document itself.
/// </summary>
public sealed record RfmMapError(string Path, string Problem)
{
    public override string ToString() => Path.Length == 0 ? Problem : $"{Path}: {Problem}";
}

/// <summary>The map, or null when there is at least one error; every error found.</summary>
public sealed record RfmSegmentMapResult(RfmSegmentMap? Map, IReadOnlyList<RfmMapError> Errors)
{
    public bool Succeeded => Map is not null;
}
