using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rekindle.Cli.Common;

namespace Rekindle.Cli.Scoring;

/// <summary><c>rekindle score [--as-of DATE]</c>: recomputes the scores now instead of waiting for the schedule.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Score as if it were this date (ISO-8601), e.g. the day after the last order of a historic file; default: now",
        };
        var server = new ServerOptions();
        var score = new Command("score", "Recompute every customer's scores now (RFM; segment changes become events)") { asOf };
        server.AddTo(score);
        score.SetAction((parse, ct) => RunAsync(parse.GetValue(asOf), server.CreateClient(parse), ct));
        return score;
    }

    private static async Task<int> RunAsync(string? asOf, HttpClient? client, CancellationToken ct)
    {
        if (client is null)
        {
            return 2;
        }

        using (client)
        {
            var path = "/api/analytics/rfm/score" + (asOf is null ? "" : "?asOf=" + Uri.EscapeDataString(asOf));
            using var response = await client.PostAsync(path, content: null, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"error: the server refused to score ({(int)response.StatusCode}): {body}");
                return 1;
            }

            Console.WriteLine(Format(JsonDocument.Parse(body).RootElement));
            return 0;
        }
    }

    private static string Format(JsonElement run)
    {
        var text = new StringBuilder();
        var window = run.GetProperty("window");
        text.Append(CultureInfo.InvariantCulture,
            $"RFM as of {run.GetProperty("asOf").GetDateTimeOffset():yyyy-MM-dd HH:mm} UTC over orders from {window.GetProperty("start").GetDateTimeOffset():yyyy-MM-dd}: ")
            .Append(CultureInfo.InvariantCulture, $"{run.GetProperty("customers").GetInt32():N0} customers, {run.GetProperty("changes").GetInt32():N0} segment changes")
            .AppendLine();
        foreach (var segment in run.GetProperty("segments").EnumerateArray().OrderByDescending(s => s.GetProperty("customers").GetInt32()))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"  {segment.GetProperty("segment").GetString(),-20}{segment.GetProperty("customers").GetInt32(),10:N0} customers {segment.GetProperty("revenue").GetDecimal(),16:N2} revenue")
                .AppendLine();
        }

        return text.ToString().TrimEnd();
    }
}
