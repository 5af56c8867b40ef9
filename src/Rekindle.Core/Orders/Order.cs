using System.Collections.Immutable;

namespace Rekindle.Core.Orders;

/// <summary>
/// A completed order as Rekindle stores it, whether it came from an Order Completed event
/// (<see cref="OrderFromEvent"/>) or from a CSV import (<see cref="OrderCsvImporter"/>): both produce
/// this record with the same meaning, so RFM, lifetime value and recommendations see one kind of order.
/// </summary>
/// <param name="OrderId">The shop's order id; the store keeps it unique, which makes imports idempotent.</param>
/// <param name="CustomerId">The shop's customer id (Segment userId; the anonymousId for a guest event).</param>
/// <param name="Email">Normalised (see <c>ContactPoints.NormalizeEmail</c>), when known.</param>
/// <param name="Timestamp">When the order was placed, always with offset zero (UTC).</param>
/// <param name="Currency">ISO 4217 code, upper case. Amounts are never converted.</param>
/// <param name="Total">
/// Merchandise value as Segment's <c>revenue</c> means it: after discounts, before shipping and tax when
/// the source says so; otherwise the sum of quantity × unit price over <paramref name="Lines"/>.
/// </param>
/// <param name="Lines">In source order; the same product may appear on two lines (e.g. at two prices).</param>
/// <param name="Coupon">The coupon code used at checkout (Segment's <c>coupon</c>), normalised; null when none.</param>
public sealed record Order(
    string OrderId,
    string CustomerId,
    string? Email,
    DateTimeOffset Timestamp,
    string Currency,
    decimal Total,
    ImmutableArray<OrderLine> Lines,
    string? Coupon = null)
{
    // ImmutableArray compares by reference; an order read twice from the same source must be equal.
    public bool Equals(Order? other) =>
        other is not null
        && OrderId == other.OrderId
        && CustomerId == other.CustomerId
        && Email == other.Email
        && Timestamp.Equals(other.Timestamp)
        && Timestamp.Offset == other.Timestamp.Offset
        && Currency == other.Currency
        && Total == other.Total
        && Coupon == other.Coupon
        && Lines.AsSpan().SequenceEqual(other.Lines.AsSpan());

    public override int GetHashCode() => HashCode.Combine(OrderId, CustomerId, Timestamp, Total, Lines.Length);

    /// <summary>Σ quantity × unit price: the total when the source states none.</summary>
    public static decimal SumOfLines(IEnumerable<OrderLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sum = 0m;
        foreach (var line in lines)
        {
            sum += line.Quantity * line.UnitPrice;
        }

        return sum;
    }
}

/// <summary>One product line of an <see cref="Order"/>.</summary>
/// <param name="ProductId">The product key: Segment's product_id, else its sku; Online Retail's StockCode.</param>
/// <param name="Sku">The stock-keeping unit when the source names one.</param>
/// <param name="Name">Display name; empty when the source has none.</param>
/// <param name="Quantity">Always positive.</param>
/// <param name="UnitPrice">Never negative (zero only for event lines that state no price).</param>
/// <param name="Category">When the source names one.</param>
public sealed record OrderLine(
    string ProductId,
    string? Sku,
    string Name,
    int Quantity,
    decimal UnitPrice,
    string? Category);
