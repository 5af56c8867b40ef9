using System.Globalization;

namespace Rekindle.Core.Orders;

/// <summary>Rekindle's documented layout (docs/import.md): one row per line item, snake_case names, any order.</summary>
/// <remarks>
/// Timestamps are ISO 8601; one without an offset is read as UTC, as the ingestion API reads Segment
/// timestamps, so that the same moment means the same thing whichever way it arrives. A date alone is
/// midnight UTC.
/// </remarks>
internal sealed class GenericOrderLayout : OrderCsvLayout
{
    public static readonly GenericOrderLayout Instance = new();

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
    ];

    private GenericOrderLayout()
    {
    }

    public override string Name => "generic";

    public override IReadOnlyDictionary<string, OrderField> Columns { get; } =
        new Dictionary<string, OrderField>(StringComparer.OrdinalIgnoreCase)
        {
            ["order_id"] = OrderField.OrderId,
            ["customer_id"] = OrderField.CustomerId,
            ["email"] = OrderField.Email,
            ["timestamp"] = OrderField.Timestamp,
            ["currency"] = OrderField.Currency,
            ["product_id"] = OrderField.ProductId,
            ["sku"] = OrderField.Sku,
            ["name"] = OrderField.Name,
            ["category"] = OrderField.Category,
            ["quantity"] = OrderField.Quantity,
            ["unit_price"] = OrderField.UnitPrice,
            ["order_total"] = OrderField.OrderTotal,
        };

    public override IReadOnlyList<OrderField[]> Required { get; } =
    [
        [OrderField.OrderId], [OrderField.CustomerId], [OrderField.Timestamp], [OrderField.Currency],
        [OrderField.ProductId, OrderField.Sku], [OrderField.Quantity], [OrderField.UnitPrice],
    ];

    public override string? FixedCurrency => null;

    public override bool IsCancellation(string orderId) => false;

    public override bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        // The common shapes without a fraction: "...T10:15:00" (UTC) and "...T10:15:00Z".
        var clockText = text.EndsWith('Z') ? text.AsSpan(0, text.Length - 1) : text.AsSpan();
        if (ClockTime.TryParse(clockText, out var clock))
        {
            value = new DateTimeOffset(clock, TimeSpan.Zero);
            return true;
        }

        return DateTimeOffset.TryParseExact(
            text,
            TimestampFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
    }
}
