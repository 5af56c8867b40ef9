using System.CommandLine;
using System.Text.Json;
using Rekindle.Cli.Common;

namespace Rekindle.Cli.Import;

/// <summary>
/// <c>rekindle import orders FILE [--format online-retail|generic]</c>: uploads an order history to the
/// server's import API (the file is streamed, never loaded whole) and prints the summary. Importing the same
/// file again changes nothing.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV file, plain or gzip-compressed" };
        var format = new Option<string>("--format")
        {
            Description = "Layout of the file: online-retail (the UCI Online Retail columns) or generic (see docs/import.md)",
            DefaultValueFactory = _ => "online-retail",
        };
        format.AcceptOnlyFromAmong("online-retail", "generic");
        var server = new ServerOptions();
        var orders = new Command("orders", "Import an order history; the orders are the same ones Order Completed events create") { file, format };
        server.AddTo(orders);
        orders.SetAction((parse, ct) => RunAsync(parse.GetValue(file)!, parse.GetValue(format)!, server.CreateClient(parse), ct));
        return new Command("import", "Import data into Rekindle") { orders };
    }

    private static async Task<int> RunAsync(FileInfo file, string format, HttpClient? client, CancellationToken ct)
    {
        if (client is null)
        {
            return 2;
        }

        if (!file.Exists)
        {
            Console.Error.WriteLine($"error: {file.FullName} does not exist");
            return 2;
        }

        using (client)
        {
            var bar = ProgressReporter.OnStandardError("uploading", file.Length, ProgressReporter.Megabytes);
            await using var input = new CountingStream(file.OpenRead(), done => bar.Report(done));
            using var content = new StreamContent(input, 81_920);
            content.Headers.ContentLength = file.Length;
            HttpResponseMessage response;
            try
            {
                response = await client.PostAsync($"/api/orders/import?format={format}", content, ct);
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine();
                Console.Error.WriteLine($"error: cannot reach the server at {client.BaseAddress}: {ex.Message}");
                return 1;
            }

            bar.Done();
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"error: the server refused the import ({(int)response.StatusCode}): {body}");
                    return 1;
                }

                Console.WriteLine(ImportSummary.Format(JsonDocument.Parse(body).RootElement));
                return 0;
            }
        }
    }
}
