using System.Text;
using Rekindle.Core.Orders;

namespace Rekindle.Core.Tests.Orders;

/// <summary>Runs the importer over CSV text and collects what it yields.</summary>
internal static class Imports
{
    public const string OnlineRetailHeader =
        "\"InvoiceNo\",\"StockCode\",\"Description\",\"Quantity\",\"InvoiceDate\",\"UnitPrice\",\"CustomerID\",\"Country\"\n";

    public static Result Run(string csv, OrderCsvFormat format, OrderImportOptions? options = null) =>
        Run(new MemoryStream(Encoding.UTF8.GetBytes(csv)), format, options);

    public static Result Run(Stream input, OrderCsvFormat format, OrderImportOptions? options = null)
    {
        var importer = new OrderCsvImporter(input, format, options);
        var items = importer.ReadAll().ToList();
        return new Result(
            items.OfType<ImportedOrder>().ToList(),
            items.OfType<SkippedRow>().OrderBy(s => s.Line).ToList(),
            importer.Summary);
    }

    public static Result OnlineRetail(string rows, OrderImportOptions? options = null) =>
        Run(OnlineRetailHeader + rows, OrderCsvFormat.OnlineRetail, options);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    public sealed record Result(List<ImportedOrder> Orders, List<SkippedRow> Skipped, OrderImportSummary Summary)
    {
        public Order Order(string id) => Orders.Single(o => o.Order.OrderId == id).Order;

        /// <summary>(line, reason) of every skipped row, in line order.</summary>
        public (long Line, OrderSkipReason Reason)[] SkipLines() => [.. Skipped.Select(s => (s.Line, s.Reason))];
    }
}
