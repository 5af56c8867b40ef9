using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Rekindle.Core.Events;
using Rekindle.Core.Orders;
using Rekindle.Engine.Orders;

namespace Rekindle.LoadTest;

/// <summary>
/// Issue 3, item 8: a whole order history through the server — POST /api/orders/import (parse, check, store every
/// order as its Order Completed event, durable before the answer), then until the engine has applied every event
/// (profiles, orders table). The reference is the raw SQLite insert of the same event rows.
/// </summary>
internal static class ImportRun
{
    public static async Task<int> RunAsync(string file, string folder)
    {
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"no such file: {file}");
            return 2;
        }

        await using var server = await Runs.StartServerAsync(Path.Combine(folder, "import"), withFlow: false);
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Console.WriteLine($"Import run: {new FileInfo(file).Length / 1e6:N1} MB from {file}");

        var watch = Stopwatch.StartNew();
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders/import?format=online-retail") { Content = content })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Rekindle.Testing.Server.RekindleServerProcess.AdminKey);
            using var response = await server.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        var stored = watch.Elapsed;
        while (true)
        {
            var status = await server.AdminJsonAsync("/api/engine/status");
            if (status.GetProperty("eventsUnprocessed").GetInt64() == 0)
            {
                break;
            }

            await Task.Delay(50);
        }

        var applied = watch.Elapsed;
        var orders = (await server.AdminJsonAsync("/api/orders/totals")).GetProperty("orders").GetInt64();

        var events = ReadEvents(file);
        var reference = await RawInsertReference.MeasureAsync(folder, events);
        var rows = CountRows(file);
        var report = new StringBuilder()
            .AppendLine("| measure | value |")
            .AppendLine("|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| rows in the file | {rows:N0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| orders stored (and in the orders table after the engine) | {events.Count:N0} / {orders:N0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| import answered (parsed, checked, every order durable as an event) | {stored.TotalSeconds:N2} s ({rows / stored.TotalSeconds:N0} rows/s) |")
            .AppendLine(CultureInfo.InvariantCulture, $"| applied by the engine (profiles, orders table) | {applied.TotalSeconds:N2} s ({events.Count / applied.TotalSeconds:N0} orders/s) |")
            .AppendLine(CultureInfo.InvariantCulture, $"| raw SQLite insert of the same {events.Count:N0} event rows (reference) | {reference:N0} rows/s ({events.Count / reference:N2} s) |");
        Console.WriteLine();
        Console.WriteLine(report);
        return orders == events.Count ? 0 : 1;
    }

    private static List<EventMessage> ReadEvents(string file)
    {
        using var input = Open(file);
        var importer = new OrderCsvImporter(input, OrderCsvFormat.OnlineRetail);
        var now = DateTimeOffset.UtcNow;
        return [.. importer.ReadAll().OfType<ImportedOrder>().Select(o => ImportedOrders.ToEvent(o.Order, now))];
    }

    private static long CountRows(string file)
    {
        using var input = Open(file);
        var importer = new OrderCsvImporter(input, OrderCsvFormat.OnlineRetail);
        foreach (var _ in importer.ReadAll())
        {
        }

        return importer.Summary.RowsRead;
    }

    private static Stream Open(string file)
    {
        Stream stream = File.OpenRead(file);
        return file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }
}
