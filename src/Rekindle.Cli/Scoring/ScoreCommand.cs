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
        var score = new Command("score",
            "Recompute every customer's scores now: RFM, the recommenders, then churn and lifetime value (changes become events)") { asOf };
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
            var query = asOf is null ? "" : "?asOf=" + Uri.EscapeDataString(asOf);
            var rfm = await PostAsync(client, "/api/analytics/rfm/score" + query, ct);
            if (rfm is null)
            {
                return 1;
            }

            Console.WriteLine(FormatRfm(rfm.Value));

            // After an import the recommenders would otherwise wait for the schedule to see the new orders.
            var trained = await PostAsync(client, "/api/analytics/recommendations/train", ct);
            if (trained is null)
            {
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Recommenders retrained on {trained.Value.GetProperty("orders").GetInt32():N0} orders of {trained.Value.GetProperty("customers").GetInt32():N0} customers " +
                $"({trained.Value.GetProperty("products").GetInt32():N0} products; {trained.Value.GetProperty("catalogProducts").GetInt32():N0} in the catalogue, " +
                $"{trained.Value.GetProperty("productsFromOrders").GetInt32():N0} named by the orders only; " +
                $"{trained.Value.GetProperty("excludedProducts").GetInt32():N0} left out as postage, fees or excluded)"));
            // A 422 means there is nothing to score yet (no orders): a fact about the data that no retry fixes, so it
            // is reported without failing the run — a daily cron job would otherwise fail every day for a new shop.
            var churn = await PostAsync(client, "/api/analytics/churn/score" + query, ct, warnOn: 422);
            if (churn is null)
            {
                return 1;
            }

            if (churn.Value.ValueKind == JsonValueKind.Object && churn.Value.TryGetProperty("risk", out _))
            {
                Console.WriteLine(FormatChurn(churn.Value));
            }

            return 0;
        }
    }

    /// <param name="warnOn">A status reported as a warning, answered as the error body instead of null.</param>
    private static async Task<JsonElement?> PostAsync(HttpClient client, string path, CancellationToken ct, int? warnOn = null)
    {
        using var response = await client.PostAsync(path, content: null, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        if ((int)response.StatusCode == warnOn)
        {
            var error = JsonDocument.Parse(body).RootElement.Clone();
            Console.Error.WriteLine($"warning: churn and lifetime value not scored: {error.GetProperty("error").GetString()}");
            return error;
        }

        Console.Error.WriteLine($"error: {path} answered {(int)response.StatusCode}: {body}");
        return null;
    }

    private static string FormatChurn(JsonElement run)
    {
        var risk = run.GetProperty("risk");
        var risks = string.Join(", ", run.GetProperty("riskLevels").EnumerateObject()
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Name} {r.Value.GetInt32():N0}")));
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"Churn risk ({risk.GetProperty("model").GetString()}, buying within {risk.GetProperty("horizonDays").GetInt32()} days): " +
            $"{run.GetProperty("customers").GetInt32():N0} customers — {risks}; {run.GetProperty("changes").GetInt32():N0} risk changes\n" +
            $"  {risk.GetProperty("reason").GetString()}\n");
        var parameters = string.Join(", ", run.GetProperty("parameters").EnumerateObject()
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Value.GetDouble():G5}")));
        return (run.GetProperty("converged").GetBoolean()
            ? text.Append(CultureInfo.InvariantCulture,
                $"Lifetime value ({run.GetProperty("model").GetString()}): {parameters}; log-likelihood {run.GetProperty("logLikelihood").GetDouble():F2}")
            : text.Append(CultureInfo.InvariantCulture,
                $"Lifetime value not scored: the {run.GetProperty("model").GetString()} fit did not converge ({run.GetProperty("failure").GetString()})")).ToString();
    }

    private static string FormatRfm(JsonElement run)
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
