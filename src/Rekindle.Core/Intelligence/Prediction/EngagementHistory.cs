namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// The days each customer of a <see cref="PurchaseHistory"/> showed each <see cref="EngagementSignal"/>, as one
/// sorted array of packed (customer, signal, day) keys: eight bytes a day, and a window count is two binary searches.
/// </summary>
public sealed class EngagementHistory
{
    private const int DayBits = 24;
    private const int SignalBits = 4;
    private readonly long[] keys;

    private EngagementHistory(long[] keys) => this.keys = keys;

    public static EngagementHistory Empty { get; } = new([]);

    /// <summary>Distinct (customer, signal, day) entries.</summary>
    public int Count => keys.Length;

    /// <summary>Builds from entries in any order; repeated entries count once.</summary>
    public static EngagementHistory From(IEnumerable<(int Customer, EngagementSignal Signal, DateOnly Day)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = new List<long>();
        foreach (var (customer, signal, day) in entries)
        {
            if (customer < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(entries), customer, "a customer index is never negative");
            }

            list.Add(Key(customer, signal, day.DayNumber));
        }

        list.Sort();
        int write = 0;
        for (int i = 0; i < list.Count; i++)
        {
            if (write == 0 || list[write - 1] != list[i])
            {
                list[write++] = list[i];
            }
        }

        list.RemoveRange(write, list.Count - write);
        return new EngagementHistory([.. list]);
    }

    /// <summary>Days with <paramref name="signal"/> in (<paramref name="after"/>, <paramref name="through"/>].</summary>
    public int Days(int customer, EngagementSignal signal, int after, int through) =>
        through <= after ? 0 : LowerBound(Key(customer, signal, through + 1)) - LowerBound(Key(customer, signal, after + 1));

    // DayNumber of 9999-12-31 is 3,652,058 < 2^22, so 24 bits hold any day; customers get the upper 36 bits.
    private static long Key(int customer, EngagementSignal signal, int day) =>
        ((long)customer << (DayBits + SignalBits)) | ((long)signal << DayBits) | (uint)day;

    private int LowerBound(long key)
    {
        // Keys are distinct, so an exact hit is the lower bound itself.
        int index = Array.BinarySearch(keys, key);
        return index < 0 ? ~index : index;
    }
}
