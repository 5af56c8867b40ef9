namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// Every customer's distinct purchase days, ascending, with what was spent on each, held in flat arrays (a million
/// customers with ten million orders cost about 200 MB). Purchases on one day count once, as in the BTYD summaries.
/// Built by <see cref="PurchaseHistoryBuilder"/>; read through a <see cref="HistoryView"/>, which cuts it at a date.
/// </summary>
public sealed class PurchaseHistory
{
    private readonly string[] ids;
    private readonly int[] offsets;
    private readonly int[] days;
    private readonly decimal[] amounts;
    private Dictionary<string, int>? index;

    internal PurchaseHistory(string[] ids, int[] offsets, int[] days, decimal[] amounts)
    {
        this.ids = ids;
        this.offsets = offsets;
        this.days = days;
        this.amounts = amounts;
    }

    /// <summary>Customers with at least one purchase.</summary>
    public int Count => ids.Length;

    /// <summary>Distinct (customer, day) purchases.</summary>
    public int PurchaseDays => days.Length;

    public string Id(int customer) => ids[customer];

    /// <summary>The customer's purchase days as <see cref="DateOnly.DayNumber"/>, ascending and distinct.</summary>
    public ReadOnlySpan<int> Days(int customer) => days.AsSpan(offsets[customer], offsets[customer + 1] - offsets[customer]);

    /// <summary>What the customer spent on each of <see cref="Days"/>.</summary>
    public ReadOnlySpan<decimal> Amounts(int customer) => amounts.AsSpan(offsets[customer], offsets[customer + 1] - offsets[customer]);

    /// <summary>The customer's index, or −1 for an id without purchases.</summary>
    public int IndexOf(string id)
    {
        index ??= BuildIndex();
        return index.TryGetValue(id, out var i) ? i : -1;
    }

    private Dictionary<string, int> BuildIndex()
    {
        var map = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            map[ids[i]] = i;
        }

        return map;
    }
}
