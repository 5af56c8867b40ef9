using System.Collections.Immutable;

namespace Rekindle.Core.Orders;

/// <summary>
/// The running totals of an import. Every row read ends up in exactly one place: in an imported order, in
/// the skipped counts, or — while the import runs — pending in an order not yet complete.
/// </summary>
public sealed record OrderImportSummary
{
    /// <summary>Data rows read (the header and blank lines are not rows).</summary>
    public long RowsRead { get; init; }

    public long OrdersImported { get; init; }

    /// <summary>Rows that became lines of imported orders.</summary>
    public long RowsInOrders { get; init; }

    public long RowsSkipped { get; init; }

    /// <summary>Rows held in orders that are not complete yet; zero once the import has finished.</summary>
    public long RowsPending => RowsRead - RowsInOrders - RowsSkipped;

    /// <summary>Distinct customer ids among the imported orders.</summary>
    public int DistinctCustomers { get; init; }

    /// <summary>Every reason, zero or not.</summary>
    public ImmutableSortedDictionary<OrderSkipReason, long> SkippedByReason { get; init; } =
        ImmutableSortedDictionary<OrderSkipReason, long>.Empty;

    /// <summary>Header columns the layout does not know, which were not read.</summary>
    public ImmutableArray<string> IgnoredColumns { get; init; } = [];

    public long BytesRead { get; init; }

    public long? TotalBytes { get; init; }

    /// <summary>True once the whole input has been read and every order emitted.</summary>
    public bool IsComplete { get; init; }

    public long Skipped(OrderSkipReason reason) => SkippedByReason.GetValueOrDefault(reason);
}
