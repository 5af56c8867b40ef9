namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>
/// One customer's RFM result. <paramref name="RecencyDays"/>, <paramref name="Frequency"/> and
/// <paramref name="Monetary"/> are the measured values (whole days since the last order, orders and revenue in
/// the window); <paramref name="R"/>, <paramref name="F"/>, <paramref name="M"/> their scores 1–5 (5 is best:
/// most recent, most orders, most revenue); <paramref name="Segment"/> the map's name for (R, <see cref="Fm"/>).
/// </summary>
/// <remarks>A struct: a run produces one per customer, a million at a time.</remarks>
public readonly record struct RfmScore(
    string CustomerId,
    int RecencyDays,
    int Frequency,
    decimal Monetary,
    int R,
    int F,
    int M,
    string Segment)
{
    /// <summary>The combined frequency–monetary score, the second axis of the segment grid.</summary>
    public int Fm => CombineFm(F, M);

    /// <summary>
    /// The mean of F and M, a half rounded toward M: (F1, M2) → 2 but (F2, M1) → 1. Rounding every half the
    /// same way would skew FM up or down as a whole; leaning on M keeps it centred and follows the finer
    /// measure — revenues rarely tie, while order counts tie heavily (most shops' customers bought once).
    /// </summary>
    public static int CombineFm(int f, int m) => (f + m + (m > f ? 1 : 0)) / 2;
}
