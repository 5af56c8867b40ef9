using System.Runtime.InteropServices;

namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>
/// Aggregates a stream of orders into <see cref="RfmInput"/>s, keeping only the orders inside the window.
/// For callers that read orders one by one (an import, a test over a CSV file) rather than with a grouped
/// query. One call per order — not per order line, or frequency would count lines.
/// </summary>
public sealed class RfmInputBuilder
{
    private readonly Dictionary<string, int> indexOf = new(StringComparer.Ordinal);
    private readonly List<Totals> totals = [];

    public RfmInputBuilder(RfmWindow window) => Window = window;

    public RfmWindow Window { get; }

    /// <summary>How many customers have at least one order in the window so far.</summary>
    public int Customers => totals.Count;

    /// <summary>Counts one order; false (and nothing counted) when it lies outside the window.</summary>
    public bool Add(string customerId, DateTimeOffset orderedAt, decimal amount)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (!Window.Contains(orderedAt))
        {
            return false;
        }

        ref int index = ref CollectionsMarshal.GetValueRefOrAddDefault(indexOf, customerId, out bool exists);
        if (!exists)
        {
            index = totals.Count;
            totals.Add(new Totals(customerId, orderedAt, 1, amount));
            return true;
        }

        Totals t = totals[index];
        totals[index] = new Totals(customerId, orderedAt > t.LastOrderAt ? orderedAt : t.LastOrderAt, checked(t.Orders + 1), t.Revenue + amount);
        return true;
    }

    /// <summary>One input per customer, in the order each customer was first seen (deterministic for a given stream).</summary>
    public RfmInput[] Build()
    {
        var inputs = new RfmInput[totals.Count];
        for (int i = 0; i < inputs.Length; i++)
        {
            Totals t = totals[i];
            inputs[i] = new RfmInput(t.CustomerId, t.LastOrderAt, t.Orders, t.Revenue);
        }

        return inputs;
    }

    private readonly record struct Totals(string CustomerId, DateTimeOffset LastOrderAt, int Orders, decimal Revenue);
}
