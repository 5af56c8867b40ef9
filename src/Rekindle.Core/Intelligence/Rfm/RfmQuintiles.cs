using System.Numerics;

namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>
/// Quintile scoring that never separates equal values. The cut values are those a plain rank split would
/// put last in each of the first four fifths of the ascending values; a value scores 1 plus the number of cuts
/// it is strictly greater than. Equivalently: 1 + ⌊5·L/N⌋, where L counts the customers with a strictly
/// smaller value — a group of ties lands, whole, in the bucket of its first member. With distinct values this
/// is exactly the rank split (bucket sizes differ by at most one); with ties a bucket's size moves from N/5
/// by less than the largest tie group.
/// </summary>
internal static class RfmQuintiles
{
    /// <summary>The four cut values of <paramref name="values"/> (at least one value), which it does not change.</summary>
    /// <remarks>
    /// Only four order statistics are needed, so they are selected rather than sorted for: a three-way
    /// quickselect does a few passes instead of log N, which matters for a million decimals, and the three-way
    /// split keeps the heavy ties of order counts (half the customers at 1) from degrading it.
    /// </remarks>
    public static T[] Cuts<T>(T[] values)
        where T : IComparisonOperators<T, T, bool>
    {
        int n = values.Length;
        var positions = new int[RfmScale.Max - 1];
        for (int k = 1; k < RfmScale.Max; k++)
        {
            // The last position of the k-th fifth: ceil(k·n/5) - 1, in long so that no n overflows.
            positions[k - 1] = (int)((((long)k * n) + RfmScale.Max - 1) / RfmScale.Max) - 1;
        }

        var work = (T[])values.Clone();
        int depthLimit = 2 * (BitOperations.Log2((uint)n) + 1);
        Select(work, 0, n - 1, positions, 0, positions.Length, depthLimit);
        return [.. positions.Select(p => work[p])];
    }

    /// <summary>1 for the smallest values up to 5 for the largest.</summary>
    public static int Bucket<T>(T value, T[] cuts)
        where T : IComparisonOperators<T, T, bool>
    {
        int bucket = RfmScale.Min;
        for (int k = 0; k < cuts.Length; k++)
        {
            if (value > cuts[k])
            {
                bucket++;
            }
        }

        return bucket;
    }

    /// <summary>
    /// Rearranges a[lo..hi] so that each wanted position (positions[from..to), ascending, all inside the range)
    /// holds the value a full sort would put there.
    /// </summary>
    private static void Select<T>(T[] a, int lo, int hi, int[] positions, int from, int to, int depthLimit)
        where T : IComparisonOperators<T, T, bool>
    {
        while (from < to && lo < hi)
        {
            if (depthLimit-- == 0)
            {
                // Adversarial input: fall back to a sort, which bounds the whole at O(n log n).
                Array.Sort(a, lo, hi - lo + 1);
                return;
            }

            T pivot = MedianOfThree(a[lo], a[lo + ((hi - lo) / 2)], a[hi]);
            (int lt, int gt) = Partition(a, lo, hi, pivot);

            // Positions left of lt recurse; those inside [lt, gt] hold the pivot already; the loop continues right of gt.
            int left = from;
            while (left < to && positions[left] < lt)
            {
                left++;
            }

            Select(a, lo, lt - 1, positions, from, left, depthLimit);
            while (left < to && positions[left] <= gt)
            {
                left++;
            }

            from = left;
            lo = gt + 1;
        }
    }

    /// <summary>Dijkstra's three-way split: a[lo..lt) &lt; pivot, a[lt..gt] == pivot, a(gt..hi] &gt; pivot.</summary>
    private static (int Lt, int Gt) Partition<T>(T[] a, int lo, int hi, T pivot)
        where T : IComparisonOperators<T, T, bool>
    {
        int lt = lo, i = lo, gt = hi;
        while (i <= gt)
        {
            T v = a[i];
            if (v < pivot)
            {
                (a[lt], a[i]) = (a[i], a[lt]);
                lt++;
                i++;
            }
            else if (v > pivot)
            {
                (a[gt], a[i]) = (a[i], a[gt]);
                gt--;
            }
            else
            {
                i++;
            }
        }

        return (lt, gt);
    }

    private static T MedianOfThree<T>(T x, T y, T z)
        where T : IComparisonOperators<T, T, bool>
    {
        if (x > y)
        {
            (x, y) = (y, x);
        }

        if (y > z)
        {
            y = z;
        }

        return x > y ? x : y;
    }
}
