using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Rekindle.Core.Orders;
using Xunit.Abstractions;

namespace Rekindle.Core.Tests.Orders;

/// <summary>
/// The whole UCI Online Retail file (shared data, see its SOURCE.md), checked against counts taken in this
/// test by a deliberately naive second reading that shares no code with the importer.
/// </summary>
public sealed class OnlineRetailFileTests(ITestOutputHelper output)
{
    [Fact]
    public void ReadAll_WholeFile_MatchesANaiveCount()
    {
        var path = FindFile();
        var expected = NaiveCount(path);

        var clock = Stopwatch.StartNew();
        var orders = new Dictionary<string, Order>();
        long lateOrRejected = 0;
        OrderImportSummary summary;
        using (var file = File.OpenRead(path))
        {
            var importer = new OrderCsvImporter(file, OrderCsvFormat.OnlineRetail);
            foreach (var item in importer.ReadAll())
            {
                switch (item)
                {
                    case ImportedOrder imported:
                        orders.Add(imported.Order.OrderId, imported.Order);
                        break;
                    case SkippedRow { Reason: OrderSkipReason.LateRow or OrderSkipReason.OrderRejected }:
                        lateOrRejected++;
                        break;
                }
            }

            summary = importer.Summary;
        }

        clock.Stop();
        output.WriteLine(
            $"{summary.RowsRead:N0} rows, {summary.OrdersImported:N0} orders, {summary.DistinctCustomers:N0} customers, "
            + $"{summary.RowsInOrders:N0} rows in orders, skipped: "
            + string.Join(", ", summary.SkippedByReason.Select(s => $"{s.Key} {s.Value:N0}"))
            + $"; {summary.BytesRead:N0} of {summary.TotalBytes:N0} bytes in {clock.ElapsedMilliseconds:N0} ms");

        // Known fact of the data set (SOURCE.md), and the naive count agrees with it.
        Assert.Equal(541_909, expected.Rows);
        Assert.Equal(expected.Rows, summary.RowsRead);
        Assert.Equal(expected.Cancellations, summary.Skipped(OrderSkipReason.Cancellation));
        Assert.Equal(expected.MissingCustomer, summary.Skipped(OrderSkipReason.MissingCustomer));
        Assert.Equal(expected.NonPositiveQuantity, summary.Skipped(OrderSkipReason.NonPositiveQuantity));
        Assert.Equal(expected.NonPositivePrice, summary.Skipped(OrderSkipReason.NonPositivePrice));
        Assert.Equal(0, summary.Skipped(OrderSkipReason.Malformed));
        Assert.Equal(0, lateOrRejected);
        Assert.Equal(expected.GoodRows, summary.RowsInOrders);
        Assert.Equal(expected.Invoices.Count, summary.OrdersImported);
        Assert.Equal(expected.Customers.Count, summary.DistinctCustomers);
        Assert.True(summary.IsComplete);
        Assert.Equal(summary.TotalBytes, summary.BytesRead);

        Assert.Equal(expected.Invoices.Keys.Order(StringComparer.Ordinal), orders.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, invoice) in expected.Invoices)
        {
            var order = orders[id];
            Assert.Equal((invoice.Rows, invoice.Total, invoice.Earliest, invoice.Customer),
                (order.Lines.Length, order.Total, order.Timestamp, order.CustomerId));
        }

        // The one invoice of the file whose rows are not contiguous is still imported whole.
        Assert.Equal(expected.Invoices["542806"].Rows, orders["542806"].Lines.Length);
    }

    /// <summary>
    /// Plain line splitting: valid here because no field spans lines (checked) and only Description can hold a
    /// comma, so InvoiceNo is the first field and the numbers are counted from the end of the line.
    /// </summary>
    private static NaiveCounts NaiveCount(string path)
    {
        var counts = new NaiveCounts();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        _ = reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            Assert.True(line.Count(c => c == '"') % 2 == 0, "a quoted field spans lines: " + line);
            var fields = line.Split(',');
            var invoice = fields[0].Trim('"');
            var quantity = int.Parse(fields[^5], CultureInfo.InvariantCulture);
            var date = DateTimeOffset.ParseExact(fields[^4] + "Z", "yyyy-MM-dd HH:mm:ssK", CultureInfo.InvariantCulture);
            var price = decimal.Parse(fields[^3], NumberStyles.Float, CultureInfo.InvariantCulture);
            var customer = fields[^2];
            counts.Rows++;
            if (invoice.StartsWith('C'))
            {
                counts.Cancellations++;
            }
            else if (customer.Length == 0)
            {
                counts.MissingCustomer++;
            }
            else if (quantity <= 0)
            {
                counts.NonPositiveQuantity++;
            }
            else if (price <= 0)
            {
                counts.NonPositivePrice++;
            }
            else
            {
                counts.GoodRows++;
                counts.Customers.Add(customer);
                var sum = counts.Invoices.GetValueOrDefault(invoice, new Invoice(0, 0m, date, customer));
                counts.Invoices[invoice] = new Invoice(
                    sum.Rows + 1, sum.Total + (quantity * price), date < sum.Earliest ? date : sum.Earliest, sum.Customer);
            }
        }

        return counts;
    }

    private static string FindFile()
    {
        const string relative = "shared/data/online_retail/online_retail.csv.gz";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, relative), Path.Combine(dir.FullName, relative["shared/".Length..]) })
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"{relative} (or data/online_retail/...) not found above {AppContext.BaseDirectory}");
    }

    private sealed record Invoice(int Rows, decimal Total, DateTimeOffset Earliest, string Customer);

    private sealed class NaiveCounts
    {
        public long Rows { get; set; }

        public long Cancellations { get; set; }

        public long MissingCustomer { get; set; }

        public long NonPositiveQuantity { get; set; }

        public long NonPositivePrice { get; set; }

        public long GoodRows { get; set; }

        public HashSet<string> Customers { get; } = [];

        public Dictionary<string, Invoice> Invoices { get; } = [];
    }
}
