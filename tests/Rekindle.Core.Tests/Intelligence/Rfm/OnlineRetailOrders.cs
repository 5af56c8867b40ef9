using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Rekindle.Core.Tests.Intelligence.Rfm;

/// <summary>
/// The orders (invoices) of the UCI Online Retail data set, read the way the order import will read them:
/// an invoice is one order; cancellations ("C…" invoices), lines without a customer and lines with a
/// non-positive quantity or price are skipped; an invoice's amount is the sum of quantity × unit price of its
/// remaining lines. The file has no time zone; its wall-clock times are taken as UTC.
/// </summary>
internal static class OnlineRetailOrders
{
    public sealed record Order(string InvoiceNo, string CustomerId, DateTimeOffset At, decimal Amount);

    public static string FilePath() => RepositoryPaths.SharedData("online_retail", "online_retail.csv.gz");

    public static List<Order> Read()
    {
        var orders = new Dictionary<string, Order>(StringComparer.Ordinal);
        var order = new List<string>();
        using var file = File.OpenRead(FilePath());
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        string[] header = ReadRecord(reader) ?? throw new InvalidDataException("empty file");
        Assert.Equal(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"], header);
        while (ReadRecord(reader) is { } f)
        {
            if (f.Length != 8)
            {
                throw new InvalidDataException($"a record has {f.Length} fields: {string.Join('|', f)}");
            }

            string invoice = f[0], customer = f[6];
            int quantity = int.Parse(f[3], CultureInfo.InvariantCulture);
            decimal price = decimal.Parse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (customer.Length == 0 || invoice.StartsWith('C') || quantity <= 0 || price <= 0)
            {
                continue;
            }

            var at = new DateTimeOffset(DateTime.ParseExact(f[4], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.Zero);
            if (orders.TryGetValue(invoice, out Order? seen))
            {
                orders[invoice] = seen with { Amount = seen.Amount + (quantity * price) };
            }
            else
            {
                orders[invoice] = new Order(invoice, customer, at, quantity * price);
                order.Add(invoice);
            }
        }

        return [.. order.Select(id => orders[id])];
    }

    /// <summary>One RFC 4180 record: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static string[]? ReadRecord(TextReader reader)
    {
        string? line = reader.ReadLine();
        if (line is null)
        {
            return null;
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; ; i++)
        {
            if (i == line.Length)
            {
                if (!quoted)
                {
                    break;
                }

                field.Append('\n');
                line = reader.ReadLine() ?? throw new InvalidDataException("unterminated quoted field at the end of the file");
                i = -1;
                continue;
            }

            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
