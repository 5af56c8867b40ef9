using System.Globalization;
using System.Text.Json;
using Rekindle.Core.Orders;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Storage.Orders;

/// <summary>Completed orders, as the scoring jobs (RFM, churn, lifetime value) read them.</summary>
public sealed class OrderStore(RekindleDatabase database)
{
    private static readonly JsonSerializerOptions LinesJson = new(JsonSerializerDefaults.Web);

    /// <summary>Stores an order for a contact; an order id seen before is left as it is.</summary>
    public static SqlStatement Insert(Order order, string contactId, DateTimeOffset now) => new(
        "INSERT INTO orders (order_id, contact_id, customer_id, email, ordered_at, currency, total, lines, created_at, coupon) " +
        "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9) ON CONFLICT (order_id) DO NOTHING",
        order.OrderId, contactId, order.CustomerId, order.Email, order.Timestamp, order.Currency, order.Total,
        new JsonText(JsonSerializer.Serialize(order.Lines, LinesJson)), now, order.Coupon);

    /// <summary>
    /// The orders that count as purchases (SQL condition on the orders table): not cancelled and not refunded in full.
    /// An order of zero value counts (a free sample is still an order) unless cancelled.
    /// </summary>
    public const string Counted = "cancelled_at IS NULL AND (refunded = 0 OR refunded < total)";

    /// <summary>An order's money net of refunds (SQL expression).</summary>
    public const string NetTotal = "(total - refunded)";

    /// <summary>
    /// Records a refund or a cancellation. A refund adds up to the order's total (no amount: all of it); only the first
    /// cancellation counts. An adjustment for an order not stored (yet) changes nothing.
    /// </summary>
    public static SqlStatement Adjust(OrderAdjustment adjustment) => adjustment switch
    {
        { Kind: OrderAdjustmentKind.Cancel } => new(
            "UPDATE orders SET cancelled_at = @p0 WHERE order_id = @p1 AND cancelled_at IS NULL", adjustment.At, adjustment.OrderId),
        { Amount: { } amount } => new(
            "UPDATE orders SET refunded = CASE WHEN refunded + @p0 >= total THEN total ELSE refunded + @p0 END WHERE order_id = @p1",
            amount, adjustment.OrderId),
        _ => new("UPDATE orders SET refunded = total WHERE order_id = @p0", adjustment.OrderId),
    };

    /// <summary>A merge moves the loser's orders with its events.</summary>
    public static SqlStatement MoveOrders(string fromContactId, string toContactId) =>
        new("UPDATE orders SET contact_id = @p0 WHERE contact_id = @p1", toContactId, fromContactId);

    public async Task<OrderTotals> TotalsAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            $"SELECT COUNT(*), COUNT(DISTINCT contact_id), COALESCE(SUM({NetTotal}), 0) FROM orders WHERE {Counted}");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new OrderTotals(r.GetInt64(0), r.GetInt64(1),
            Convert.ToDecimal(r.GetValue(2), CultureInfo.InvariantCulture));
    }

    /// <summary>Every counted order's lines (see <see cref="Counted"/>), optionally only one contact's.</summary>
    public async Task<IReadOnlyList<OrderProducts>> ProductsAsync(string? contactId, CancellationToken ct)
    {
        const string Columns = "SELECT order_id, contact_id, ordered_at, currency, lines FROM orders";
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = contactId is null
            ? database.Command(connection, $"{Columns} WHERE {Counted}")
            : database.Command(connection, $"{Columns} WHERE {Counted} AND contact_id = @p0", contactId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<OrderProducts>();
        while (await r.ReadAsync(ct))
        {
            var lines = JsonSerializer.Deserialize<OrderLine[]>(r.GetString(4), LinesJson) ?? [];
            list.Add(new OrderProducts(r.GetString(0), r.GetString(1), database.Dialect.ReadTime(r, 2), r.GetString(3),
                [.. lines.Where(l => !string.IsNullOrEmpty(l.ProductId))]));
        }

        return list;
    }

    public async Task<IReadOnlyList<StoredOrder>> ForContactAsync(string contactId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            "SELECT order_id, customer_id, ordered_at, currency, total, refunded, cancelled_at, coupon FROM orders WHERE contact_id = @p0 " +
            "ORDER BY ordered_at DESC", contactId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<StoredOrder>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new StoredOrder(r.GetString(0), r.GetString(1), database.Dialect.ReadTime(r, 2), r.GetString(3),
                database.Dialect.ReadMoney(r, 4), database.Dialect.ReadMoney(r, 5), database.Dialect.ReadTimeOrNull(r, 6),
                r.IsDBNull(7) ? null : r.GetString(7)));
        }

        return list;
    }
}

/// <summary>The lines of one stored order: what recommenders train on, and what the catalogue learns from orders.</summary>
public sealed record OrderProducts(string OrderId, string ContactId, DateTimeOffset OrderedAt, string Currency, IReadOnlyList<OrderLine> Lines)
{
    public IEnumerable<string> ProductIds => Lines.Select(l => l.ProductId);
}

/// <summary>Over the counted orders (not cancelled, not refunded in full); revenue net of refunds.</summary>
public sealed record OrderTotals(long Orders, long Contacts, decimal Revenue);

/// <param name="Refunded">Refunded so far, up to <paramref name="Total"/>.</param>
/// <param name="CancelledAt">When an Order Cancelled came for it; null while it stands.</param>
/// <param name="Coupon">The coupon code the order used.</param>
public sealed record StoredOrder(
    string OrderId, string CustomerId, DateTimeOffset OrderedAt, string Currency, decimal Total, decimal Refunded, DateTimeOffset? CancelledAt, string? Coupon);
