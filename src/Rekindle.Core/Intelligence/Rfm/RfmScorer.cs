using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>
/// Scores customers 1–5 on recency, frequency and monetary value by quintiles over the customers taking
/// part, and puts each into a segment of the R × FM grid. Pure and deterministic: the same inputs and "now"
/// give the same result. Cost: a few linear passes per measure (the cuts are selected, not sorted for).
/// </summary>
/// <remarks>
/// The quintile rule (see <see cref="RfmQuintiles"/>) never gives equal values different scores. It is applied
/// to each measure in its natural ascending order — days since the last order, orders, revenue — and R is
/// reversed afterwards, so a group of ties lands on the end of the scale where its value sits: everybody who
/// bought on the most recent day scores R 5, everybody with the fewest orders (usually 1) scores F 1, however
/// large those groups are. The scores a large tie group would have spilled into stay empty; that is the data
/// saying it cannot separate those customers, not an error. A score tells what share of the customers is
/// strictly behind, so fewer than five customers cannot fill five buckets: with two, the second scores 3
/// (half are behind it), with three or four the best scores 4, and F/M 5 and R 1 stay empty — a handful of
/// customers is no evidence of a top fifth.
/// </remarks>
public static class RfmScorer
{
    /// <param name="customers">One entry per customer with orders in the window (see <see cref="RfmInput"/>).</param>
    /// <param name="now">The end of the window and the point recency is measured from.</param>
    /// <exception cref="ArgumentException">A customer appears twice, has no orders, or ordered outside the window.</exception>
    public static RfmResult Score(IReadOnlyList<RfmInput> customers, DateTimeOffset now, RfmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options ??= RfmOptions.Default;
        RfmWindow window = RfmWindow.Ending(now, options.LookBack);
        int n = customers.Count;
        var days = new int[n];
        var orders = new int[n];
        var revenue = new decimal[n];
        Measure(customers, window, days, orders, revenue);
        if (n == 0)
        {
            return Assemble(window, [], new CellTotals[RfmScale.Max * RfmScale.Max], options.Map, new RfmBoundaries([], [], []));
        }

        int[] dayCuts = RfmQuintiles.Cuts(days);
        int[] orderCuts = RfmQuintiles.Cuts(orders);
        decimal[] revenueCuts = RfmQuintiles.Cuts(revenue);

        RfmSegmentMap map = options.Map;
        var scores = new RfmScore[n];
        var cells = new CellTotals[RfmScale.Max * RfmScale.Max];
        for (int i = 0; i < n; i++)
        {
            int r = RfmScale.Max + RfmScale.Min - RfmQuintiles.Bucket(days[i], dayCuts);
            int f = RfmQuintiles.Bucket(orders[i], orderCuts);
            int m = RfmQuintiles.Bucket(revenue[i], revenueCuts);
            int fm = RfmScore.CombineFm(f, m);
            scores[i] = new RfmScore(customers[i].CustomerId, days[i], orders[i], revenue[i], r, f, m, map.SegmentOf(r, fm));
            ref CellTotals cell = ref cells[CellIndex(r, fm)];
            cell.Customers++;
            cell.Revenue += revenue[i];
        }

        return Assemble(window, scores, cells, map, new RfmBoundaries([.. dayCuts], [.. orderCuts], [.. revenueCuts]));
    }

    /// <summary>Whole days from <paramref name="lastOrderAt"/> to <paramref name="now"/>, rounded down: an order 23 hours ago is 0 days old.</summary>
    public static int DaysSince(DateTimeOffset lastOrderAt, DateTimeOffset now) => (int)((now - lastOrderAt).Ticks / TimeSpan.TicksPerDay);

    private static void Measure(IReadOnlyList<RfmInput> customers, RfmWindow window, int[] days, int[] orders, decimal[] revenue)
    {
        var seen = new HashSet<string>(customers.Count, StringComparer.Ordinal);
        for (int i = 0; i < customers.Count; i++)
        {
            RfmInput c = customers[i];
            if (string.IsNullOrEmpty(c.CustomerId))
            {
                throw new ArgumentException($"customer #{i} has no id", nameof(customers));
            }

            // Each of these would silently skew every other customer's quintiles, so they are refused.
            if (!seen.Add(c.CustomerId))
            {
                throw new ArgumentException($"customer '{c.CustomerId}' appears more than once", nameof(customers));
            }

            if (c.Orders < 1)
            {
                throw new ArgumentException($"customer '{c.CustomerId}' has {c.Orders} orders; only customers with orders in the window take part", nameof(customers));
            }

            if (!window.Contains(c.LastOrderAt))
            {
                throw new ArgumentException($"customer '{c.CustomerId}' last ordered at {c.LastOrderAt:O}, outside the window {window.Start:O} to {window.End:O}", nameof(customers));
            }

            days[i] = DaysSince(c.LastOrderAt, window.End);
            orders[i] = c.Orders;
            revenue[i] = c.Revenue;
        }
    }

    private static int CellIndex(int r, int fm) => ((r - 1) * RfmScale.Max) + fm - 1;

    private static RfmResult Assemble(RfmWindow window, RfmScore[] scores, CellTotals[] totals, RfmSegmentMap map, RfmBoundaries boundaries)
    {
        var cells = ImmutableArray.CreateBuilder<RfmGridCell>(RfmScale.Max * RfmScale.Max);
        var segmentCustomers = new int[map.Segments.Length];
        var segmentRevenue = new decimal[map.Segments.Length];
        for (int r = RfmScale.Max; r >= RfmScale.Min; r--)
        {
            for (int fm = RfmScale.Min; fm <= RfmScale.Max; fm++)
            {
                int segment = map.SegmentIndexOf(r, fm);
                CellTotals t = totals[CellIndex(r, fm)];
                cells.Add(new RfmGridCell(r, fm, map.Segments[segment], t.Customers, t.Revenue));
                segmentCustomers[segment] += t.Customers;
                segmentRevenue[segment] += t.Revenue;
            }
        }

        ImmutableArray<RfmSegmentSize> sizes = [.. map.Segments.Select((name, i) => new RfmSegmentSize(name, segmentCustomers[i], segmentRevenue[i]))];
        return new RfmResult(window, ImmutableCollectionsMarshal.AsImmutableArray(scores), new RfmGrid(cells.MoveToImmutable()), sizes, boundaries);
    }

    private struct CellTotals
    {
        public int Customers;
        public decimal Revenue;
    }
}
