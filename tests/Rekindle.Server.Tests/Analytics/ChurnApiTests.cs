using System.Globalization;
using System.Net;
using System.Text.Json;
using Rekindle.Engine.Intelligence;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing;
using Rekindle.Testing.Postgres;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Analytics;

/// <summary>
/// The churn model through the whole server on published data: the CDNOW sample (2,357 customers, 6,919
/// purchases) sent as Order Completed events, scored at the end of its calibration period (1997-09-30), must give
/// Fader, Hardie &amp; Lee's BG/NBD parameters (../shared/data/cdnow/EXPECTED.md §1).
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class ChurnApiTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CdnowSampleAsOrderEvents_ScoredAtCalibrationEnd_PublishedBgNbdParameters(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres, ThirtyNineWeeks);
        var server = env.Server;
        await SendCdnowAsync(server);
        using var score = await server.AdminAsync(HttpMethod.Post, "/api/analytics/churn/score?asOf=1997-09-30T00:00:00Z");
        var run = JsonDocument.Parse(await score.Content.ReadAsStringAsync()).RootElement;
        var parameters = run.GetProperty("parameters");

        Assert.Equal(HttpStatusCode.OK, score.StatusCode);
        Assert.Equal("bg-nbd", run.GetProperty("model").GetString());
        Assert.Equal(2_357, run.GetProperty("customers").GetInt32());
        // Published r, α, a, b = 0.243, 4.414, 0.793, 2.426 (lifetimes' tolerance: decimal=2, |Δ| < 1.5e-2) and
        // LL = −9582.4 (CLVTools' tolerance: relative 0.001).
        Assert.Equal(0.243, parameters.GetProperty("r").GetDouble(), 0.015);
        Assert.Equal(4.414, parameters.GetProperty("alpha").GetDouble(), 0.015);
        Assert.Equal(0.793, parameters.GetProperty("a").GetDouble(), 0.015);
        Assert.Equal(2.426, parameters.GetProperty("b").GetDouble(), 0.015);
        Assert.Equal(-9582.4, run.GetProperty("logLikelihood").GetDouble(), 9.5824);
        Assert.Equal(2_357, run.GetProperty("riskLevels").EnumerateObject().Sum(r => r.Value.GetInt32()));
        // 39 weeks before 1997-09-30 nobody had bought yet: no backtest, so the documented rule sets the levels.
        var risk = run.GetProperty("risk");
        Assert.True(risk.GetProperty("fallback").GetBoolean());
        Assert.Equal("rule:overdue", risk.GetProperty("model").GetString());
        Assert.StartsWith("0 customers had bought by the backtest's cut-off 1996-12-31; a backtest needs 200", risk.GetProperty("reason").GetString(),
            StringComparison.Ordinal);

        // Every customer's profile now carries its churn scores, and its timeline the change from no risk level.
        await server.WaitUntilAppliedAsync("the risk-change events to be applied");
        var contact = await server.AdminJsonAsync("/api/contacts?userId=1");
        var churn = contact.GetProperty("churn");
        Assert.InRange(churn.GetProperty("pAlive").GetDouble(), 0, 1);
        Assert.Contains(churn.GetProperty("risk").GetString(), new[] { "low", "medium", "high" });
        Assert.Equal(JsonValueKind.Null, churn.GetProperty("purchaseProbability").ValueKind);
        Assert.Equal("rule:overdue", churn.GetProperty("model").GetString());
        var changes = (await server.AdminJsonAsync($"/api/contacts/{contact.GetProperty("profile").GetProperty("id").GetString()}/events"))
            .GetProperty("events").EnumerateArray().Count(e => e.GetProperty("event").GetString() == ChurnScoring.EventName);
        Assert.Equal(1, changes);
    }

    /// <summary>
    /// Scored at the end of the holdout (1998-06-30) with H = 39 weeks, the backtest is the one of
    /// tests/reference/churn_backtest.py: cut-off 1997-09-30, 2,357 customers, 684 buyers, recency-only 0.771442,
    /// frequency-only 0.757627, BG/NBD 0.756920; Pareto/NBD is chosen, every profile gets its probability, and
    /// scoring the same data again changes no level.
    /// </summary>
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CdnowSample_ScoredAtHoldoutEnd_BacktestChoosesParetoNbd_AndRescoringChangesNothing(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres, ThirtyNineWeeks);
        var server = env.Server;
        await SendCdnowAsync(server);

        var run = JsonDocument.Parse(await (await server.AdminAsync(HttpMethod.Post, "/api/analytics/churn/score?asOf=1998-06-30T23:59:59Z"))
            .Content.ReadAsStringAsync()).RootElement;
        var risk = run.GetProperty("risk");
        var backtest = risk.GetProperty("backtest");
        var results = backtest.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("model").GetString()!);

        Assert.Equal("pareto-nbd", risk.GetProperty("model").GetString());
        Assert.Equal(273, risk.GetProperty("horizonDays").GetInt32());
        Assert.Equal("1997-09-30", backtest.GetProperty("cutoff").GetString());
        Assert.Equal(2_357, backtest.GetProperty("customers").GetInt32());
        Assert.Equal(684, backtest.GetProperty("buyers").GetInt32());
        Assert.Equal(0.771442, results["recency-only"].GetProperty("auc").GetDouble(), 6);
        Assert.Equal(0.757627, results["frequency-only"].GetProperty("auc").GetDouble(), 6);
        Assert.Equal(0.756920, results["bg-nbd"].GetProperty("auc").GetDouble(), 5);
        Assert.Equal(10, results["pareto-nbd"].GetProperty("calibration").GetArrayLength());
        Assert.StartsWith("to learn from the shop's past it needs 200 customers by 1996-12-31", results["boosted-trees"].GetProperty("unavailable").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(2_357, run.GetProperty("riskLevels").EnumerateObject().Sum(r => r.Value.GetInt32()));

        var churn = (await server.AdminJsonAsync("/api/contacts?userId=1")).GetProperty("churn");
        Assert.Equal("pareto-nbd", churn.GetProperty("model").GetString());
        Assert.Equal(273, churn.GetProperty("horizonDays").GetInt32());
        Assert.InRange(churn.GetProperty("purchaseProbability").GetDouble(), 0.01, 1);
        Assert.True(churn.GetProperty("expectedPurchases").GetDouble() >= churn.GetProperty("purchaseProbability").GetDouble());
        Assert.True(churn.GetProperty("overdue").GetDouble() > 0);
        Assert.NotEqual(JsonValueKind.Null, churn.GetProperty("nextPurchaseExpectedAt").ValueKind);

        using var picture = await server.AdminAsync(HttpMethod.Get, "/api/analytics/churn/calibration.svg");
        Assert.Equal("image/svg+xml", picture.Content.Headers.ContentType?.MediaType);
        Assert.Contains("pareto-nbd (chosen)", await picture.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await server.WaitUntilAppliedAsync("the risk-change events to be applied");
        var again = JsonDocument.Parse(await (await server.AdminAsync(HttpMethod.Post, "/api/analytics/churn/score?asOf=1998-06-30T23:59:59Z"))
            .Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, again.GetProperty("changes").GetInt32());
    }

    private static readonly Dictionary<string, string> ThirtyNineWeeks = new() { ["Intelligence__ChurnHorizonDays"] = "273" };

    private static async Task SendCdnowAsync(RekindleServerProcess server)
    {
        foreach (var batch in CdnowOrderEvents().Chunk(1_000))
        {
            using var response = await server.PostSegmentAsync("/v1/batch", JsonSerializer.Serialize(new { batch }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await server.WaitUntilAppliedAsync("the purchases to be applied", TimeSpan.FromSeconds(120));
    }

    /// <summary>CDNOW_sample.txt rows (master id, sample id, yyyyMMdd, CDs, dollars) as Order Completed events of the sample id.</summary>
    private static IEnumerable<object> CdnowOrderEvents() =>
        File.ReadLines(SharedData.File("cdnow", "CDNOW_sample.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 5)
            .Select((f, row) => new
            {
                type = "track",
                @event = "Order Completed",
                userId = int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                messageId = $"cdnow-{row}",
                timestamp = DateTime.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture),
                properties = new { order_id = $"cdnow-{row}", revenue = decimal.Parse(f[4], CultureInfo.InvariantCulture), currency = "USD" },
            });
}
