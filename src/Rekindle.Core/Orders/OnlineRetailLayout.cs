using System.Globalization;

namespace Rekindle.Core.Orders;

/// <summary>
/// The UCI Online Retail export (Chen, Sain and Guo 2012): one row per invoice line, a "C" before the
/// InvoiceNo for cancellations, prices in GBP, no email and no currency column.
/// </summary>
/// <remarks>
/// InvoiceDate carries no zone. The shop is in the UK, so the wall-clock time is GMT in winter and BST
/// (UTC+1) in summer; it is read as UTC, which puts summer orders up to an hour late. Every analysis
/// Rekindle runs on order history works in days, and guessing a zone per row would be no more exact for
/// other shops, so the plain reading wins. "2010-12-01 08:26:00" (the R export), "2010-12-01 08:26" and
/// "12/1/2010 8:26" (the original spreadsheet, month first) are accepted.
/// </remarks>
internal sealed class OnlineRetailLayout : OrderCsvLayout
{
    public static readonly OnlineRetailLayout Instance = new();

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss"];

    private OnlineRetailLayout()
    {
    }

    public override string Name => "online-retail";

    public override IReadOnlyDictionary<string, OrderField> Columns { get; } =
        new Dictionary<string, OrderField>(StringComparer.OrdinalIgnoreCase)
        {
            ["InvoiceNo"] = OrderField.OrderId,
            ["StockCode"] = OrderField.ProductId,
            ["Description"] = OrderField.Name,
            ["Quantity"] = OrderField.Quantity,
            ["InvoiceDate"] = OrderField.Timestamp,
            ["UnitPrice"] = OrderField.UnitPrice,
            ["CustomerID"] = OrderField.CustomerId,
        };

    public override IReadOnlyList<OrderField[]> Required { get; } =
    [
        [OrderField.OrderId], [OrderField.ProductId], [OrderField.Quantity], [OrderField.Timestamp],
        [OrderField.UnitPrice], [OrderField.CustomerId],
    ];

    public override string? FixedCurrency => "GBP";

    public override bool IsCancellation(string orderId) => orderId.StartsWith('C') || orderId.StartsWith('c');

    public override bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        if (ClockTime.TryParse(text, out var clock)
            || DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out clock))
        {
            value = new DateTimeOffset(DateTime.SpecifyKind(clock, DateTimeKind.Unspecified), TimeSpan.Zero);
            return true;
        }

        value = default;
        return false;
    }
}
