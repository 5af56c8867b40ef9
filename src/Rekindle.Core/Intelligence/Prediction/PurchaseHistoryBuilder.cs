using System.Runtime.InteropServices;

namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// Collects orders streamed in any order and builds a <see cref="PurchaseHistory"/>: a counting sort by customer,
/// then each customer's few orders sorted by day and merged per day, so ten million orders take one linear pass
/// and small sorts rather than one large sort. Not thread-safe.
/// </summary>
public sealed class PurchaseHistoryBuilder
{
    private readonly Dictionary<string, int> indexById = new(StringComparer.Ordinal);
    private readonly List<string> ids = [];
    private readonly List<int> owners = [];
    private readonly List<int> days = [];
    private readonly List<decimal> amounts = [];

    public int Orders => owners.Count;

    /// <summary>Adds an order on the UTC date of <paramref name="at"/>.</summary>
    public void Add(string customerId, DateTimeOffset at, decimal amount) =>
        Add(customerId, DateOnly.FromDateTime(at.UtcDateTime), amount);

    public void Add(string customerId, DateOnly day, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ref int owner = ref CollectionsMarshal.GetValueRefOrAddDefault(indexById, customerId, out bool exists);
        if (!exists)
        {
            owner = ids.Count;
            ids.Add(customerId);
        }

        owners.Add(owner);
        days.Add(day.DayNumber);
        amounts.Add(amount);
    }

    public PurchaseHistory Build()
    {
        int customers = ids.Count;
        var starts = new int[customers + 1];
        foreach (var owner in CollectionsMarshal.AsSpan(owners))
        {
            starts[owner + 1]++;
        }

        for (int c = 0; c < customers; c++)
        {
            starts[c + 1] += starts[c];
        }

        // Place every order in its customer's slice.
        var next = (int[])starts.Clone();
        var sortedDays = new int[owners.Count];
        var sortedAmounts = new decimal[owners.Count];
        var ownerSpan = CollectionsMarshal.AsSpan(owners);
        var daySpan = CollectionsMarshal.AsSpan(days);
        var amountSpan = CollectionsMarshal.AsSpan(amounts);
        for (int o = 0; o < ownerSpan.Length; o++)
        {
            int at = next[ownerSpan[o]]++;
            sortedDays[at] = daySpan[o];
            sortedAmounts[at] = amountSpan[o];
        }

        // Sort each slice by day and merge same-day orders, compacting in place.
        var offsets = new int[customers + 1];
        int write = 0;
        for (int c = 0; c < customers; c++)
        {
            int from = starts[c], to = starts[c + 1];
            Array.Sort(sortedDays, sortedAmounts, from, to - from);
            offsets[c] = write;
            for (int o = from; o < to; o++)
            {
                if (write > offsets[c] && sortedDays[write - 1] == sortedDays[o])
                {
                    sortedAmounts[write - 1] += sortedAmounts[o];
                    continue;
                }

                sortedDays[write] = sortedDays[o];
                sortedAmounts[write] = sortedAmounts[o];
                write++;
            }
        }

        offsets[customers] = write;
        Array.Resize(ref sortedDays, write);
        Array.Resize(ref sortedAmounts, write);
        return new PurchaseHistory([.. ids], offsets, sortedDays, sortedAmounts);
    }
}
