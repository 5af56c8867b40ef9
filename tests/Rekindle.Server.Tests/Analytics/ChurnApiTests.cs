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
        await using var env = await ServerEnvironment.StartAsync(provider, postgres);
        var server = env.Server;
        foreach (var batch in CdnowOrderEvents().Chunk(1_000))
        {
            using var response = await server.PostSegmentAsync("/v1/batch", JsonSerializer.Serialize(new { batch }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await server.WaitUntilAppliedAsync("the purchases to be applied", TimeSpan.FromSeconds(120));
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

        // Every customer's profile now carries its churn scores, and its timeline the change from no risk level.
        await server.WaitUntilAppliedAsync("the risk-change events to be applied");
        var contact = await server.AdminJsonAsync("/api/contacts?userId=1");
        var churn = contact.GetProperty("churn");
        Assert.InRange(churn.GetProperty("pAlive").GetDouble(), 0, 1);
        Assert.Contains(churn.GetProperty("risk").GetString(), new[] { "low", "medium", "high" });
        var changes = (await server.AdminJsonAsync($"/api/contacts/{contact.GetProperty("profile").GetProperty("id").GetString()}/events"))
            .GetProperty("events").EnumerateArray().Count(e => e.GetProperty("event").GetString() == ChurnScoring.EventName);
        Assert.Equal(1, changes);
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
