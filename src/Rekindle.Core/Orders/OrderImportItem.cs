namespace Rekindle.Core.Orders;

/// <summary>What <see cref="OrderCsvImporter"/> yields: a complete order or a skipped row.</summary>
/// <param name="Line">The physical line (1-based, the header is line 1) the row or the order's first row starts on.</param>
public abstract record OrderImportItem(long Line);

/// <summary>A complete order, all its rows read and checked.</summary>
/// <param name="Rows">How many rows of the file became its <see cref="Order.Lines"/>.</param>
public sealed record ImportedOrder(Order Order, long Line, int Rows) : OrderImportItem(Line);

/// <summary>A row that is not part of any imported order, and why.</summary>
/// <param name="OrderId">The row's order id when it could be read.</param>
/// <param name="Column">The column at fault, as named in the file's header, when one is.</param>
/// <param name="Value">The offending value, when one is.</param>
/// <param name="Detail">A sentence for the person who owns the file.</param>
public sealed record SkippedRow(
    long Line,
    OrderSkipReason Reason,
    string? OrderId,
    string? Column,
    string? Value,
    string Detail) : OrderImportItem(Line);

/// <summary>Why a row was skipped. Each skipped row has exactly one reason, the first that applies in this order.</summary>
public enum OrderSkipReason
{
    /// <summary>A cancellation (Online Retail: the InvoiceNo starts with "C"). Cancellations are not orders.</summary>
    Cancellation,

    /// <summary>
    /// Unreadable: broken CSV, wrong number of fields, no order id, a value that does not parse, or an
    /// order-level value (customer, email, currency, order total) that differs from the order's earlier rows.
    /// Its whole order is rejected (see <see cref="OrderRejected"/>).
    /// </summary>
    Malformed,

    /// <summary>No customer id: the purchase cannot be attributed to anyone.</summary>
    MissingCustomer,

    /// <summary>Quantity zero or negative (returns, adjustments).</summary>
    NonPositiveQuantity,

    /// <summary>Unit price zero or negative (free items, bad-debt adjustments).</summary>
    NonPositivePrice,

    /// <summary>A good row of an order that has a malformed row: no half orders are imported.</summary>
    OrderRejected,

    /// <summary>
    /// A good row of an order that was already complete: more than <see cref="OrderImportOptions.MaxRowsBetweenOrderRows"/>
    /// rows lay between it and the order's previous row.
    /// </summary>
    LateRow,
}
