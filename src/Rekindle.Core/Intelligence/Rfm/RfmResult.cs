using System.Collections.Immutable;

namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>
/// The outcome of one RFM run: a score per customer (in input order), the R × FM grid, the size of every
/// segment of the map (including empty ones, in the map's order) and the quintile boundaries that produced
/// the scores.
/// </summary>
public sealed record RfmResult(
    RfmWindow Window,
    ImmutableArray<RfmScore> Scores,
    RfmGrid Grid,
    ImmutableArray<RfmSegmentSize> Segments,
    RfmBoundaries Boundaries)
{
    public int Customers => Scores.Length;
}

public sealed record RfmSegmentSize(string Segment, int Customers, decimal Revenue);

/// <summary>One cell of the grid: the customers with this R and FM, their window revenue, and the cell's segment.</summary>
public sealed record RfmGridCell(int R, int Fm, string Segment, int Customers, decimal Revenue);

/// <summary>
/// The 5 × 5 grid of R (rows) against FM (columns). <see cref="Cells"/> holds all 25 cells in reading order
/// of the usual picture: R from 5 down to 1, and within a row FM from 1 up to 5.
/// </summary>
public sealed record RfmGrid(ImmutableArray<RfmGridCell> Cells)
{
    public RfmGridCell Cell(int r, int fm)
    {
        RfmScale.Check(r, nameof(r));
        RfmScale.Check(fm, nameof(fm));
        return Cells[((RfmScale.Max - r) * RfmScale.Max) + fm - 1];
    }
}

/// <summary>
/// The four cut values of each measure, ascending, which explain every score to a marketer. For F and M a
/// value ≤ the first cut scores 1, ≤ the second 2, …, above the fourth 5; for recency (in days) a value ≤ the
/// first cut scores R 5, …, above the fourth R 1. Empty when no customer took part.
/// </summary>
public sealed record RfmBoundaries(ImmutableArray<int> RecencyDays, ImmutableArray<int> Frequency, ImmutableArray<decimal> Monetary);

/// <summary>The score scale shared by R, F, M and FM.</summary>
public static class RfmScale
{
    public const int Min = 1;
    public const int Max = 5;

    internal static void Check(int score, string name)
    {
        if (score is < Min or > Max)
        {
            throw new ArgumentOutOfRangeException(name, score, "scores run from 1 to 5");
        }
    }
}
