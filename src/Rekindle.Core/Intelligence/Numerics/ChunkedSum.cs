namespace Rekindle.Core.Intelligence.Numerics;

/// <summary>
/// Sums a function over [0, count) in fixed-size chunks, the chunks in parallel when there are several, their
/// partial sums added in chunk order: the result does not depend on the number of cores or on scheduling.
/// </summary>
public static class ChunkedSum
{
    public const int ChunkSize = 16_384;

    /// <param name="count">Number of items.</param>
    /// <param name="sumRange">Sums the items in [start, end).</param>
    public static double Sum(int count, Func<int, int, double> sumRange)
    {
        ArgumentNullException.ThrowIfNull(sumRange);
        int chunks = (count + ChunkSize - 1) / ChunkSize;
        if (chunks <= 1)
        {
            return count == 0 ? 0 : sumRange(0, count);
        }

        var partial = new double[chunks];
        Parallel.For(0, chunks, chunk =>
        {
            int start = chunk * ChunkSize;
            partial[chunk] = sumRange(start, Math.Min(count, start + ChunkSize));
        });

        double total = 0;
        foreach (double value in partial)
        {
            total += value;
        }

        return total;
    }

    /// <summary>
    /// Like <see cref="Sum(int, Func{int, int, double})"/> for a vector of <paramref name="dimensions"/> sums:
    /// <paramref name="sumRange"/> adds the items in [start, end) into the array it is given (zeroed).
    /// </summary>
    public static double[] Sum(int count, int dimensions, Action<int, int, double[]> sumRange)
    {
        ArgumentNullException.ThrowIfNull(sumRange);
        int chunks = Math.Max(1, (count + ChunkSize - 1) / ChunkSize);
        var partial = new double[chunks][];
        Parallel.For(0, chunks, chunk =>
        {
            int start = chunk * ChunkSize;
            var sums = new double[dimensions];
            sumRange(start, Math.Min(count, start + ChunkSize), sums);
            partial[chunk] = sums;
        });

        var total = new double[dimensions];
        foreach (var sums in partial)
        {
            for (int d = 0; d < dimensions; d++)
            {
                total[d] += sums[d];
            }
        }

        return total;
    }
}
