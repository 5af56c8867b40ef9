using System.Net;
using System.Text.Json;
using Rekindle.Core.Intelligence.Rfm;
using Rekindle.Engine.Intelligence;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing;
using Rekindle.Testing.Postgres;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Analytics;

/// <summary>RFM through the server: orders in, scores on the contact, the grid, and segment-change events.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class RfmApiTests(PostgresFixture postgres)
{
    // Two customers (docs/import.md's example): c-17 ordered EUR 54.90 on 2024-03-01 09:15 UTC, c-42 EUR 89.70
    // on 2024-03-02 18:00 UTC. Scored at 2024-03-10 00:00 UTC, by the rules of docs/rfm.md (bucket = 1 + ⌊5·L/N⌋,
    // L = customers with a strictly smaller value, N = 2; R = 6 − bucket of the days):
    //   c-17: 8 days → bucket 3 → R3; 1 order → F1; 54.90 is the smaller revenue → M1; FM = 1
    //   c-42: 7 days → bucket 1 → R5; 1 order → F1; 89.70 → bucket 3 → M3; FM = (1 + 3 + 1) / 2 = 2
    private const string Orders = SampleOrders.GenericDocsExample;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ScoreAfterImport_ScoresOnContactsGridAndOneChangeEventEach_RescoreChangesNothing(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres);
        var server = env.Server;
        using (var import = await server.AdminAsync(HttpMethod.Post, "/api/orders/import?format=generic", Orders))
        {
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        }

        await server.WaitUntilAppliedAsync();
        var run = await ScoreAsync(server);
        await server.WaitUntilAppliedAsync();
        var again = await ScoreAsync(server);
        var ann = await server.AdminJsonAsync("/api/contacts?userId=c-17");
        var bob = await server.AdminJsonAsync("/api/contacts?userId=c-42");
        var grid = await server.AdminJsonAsync("/api/analytics/rfm");

        Assert.Equal(2, run.GetProperty("customers").GetInt32());
        Assert.Equal(2, run.GetProperty("changes").GetInt32());
        Assert.Equal(0, again.GetProperty("changes").GetInt32());
        AssertRfm(ann.GetProperty("rfm"), days: 8, monetary: 54.90m, r: 3, m: 1, fm: 1);
        AssertRfm(bob.GetProperty("rfm"), days: 7, monetary: 89.70m, r: 5, m: 3, fm: 2);
        Assert.Equal(25, grid.GetProperty("grid").GetArrayLength());
        Assert.Equal(2, grid.GetProperty("grid").EnumerateArray().Sum(c => c.GetProperty("customers").GetInt32()));
        Assert.Equal(144.60m, grid.GetProperty("segments").EnumerateArray().Sum(s => s.GetProperty("revenue").GetDecimal()));

        // The same run as a picture, opened the way a browser does (the key in the URL).
        using (var picture = await server.Http.GetAsync($"/api/analytics/rfm/grid.svg?key={RekindleServerProcess.AdminKey}"))
        {
            Assert.Equal("image/svg+xml", picture.Content.Headers.ContentType?.MediaType);
            var svg = System.Xml.Linq.XDocument.Parse(await picture.Content.ReadAsStringAsync());
            System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
            var filled = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "cell" && (string?)g.Attribute("data-customers") != "0")
                .Select(g => $"R{g.Attribute("data-r")!.Value} FM{g.Attribute("data-fm")!.Value}: {g.Attribute("data-segment")!.Value}").ToList();
            Assert.Equal([$"R5 FM2: {RfmSegmentMap.Default.SegmentOf(5, 2)}", $"R3 FM1: {RfmSegmentMap.Default.SegmentOf(3, 1)}"], filled);
            Assert.Equal("RFM as of 2024-03-10: 2 customers with orders since 2023-03-11", svg.Root!.Element(ns + "title")!.Value);
        }

        var annId = ann.GetProperty("profile").GetProperty("id").GetString();
        var changed = (await server.AdminJsonAsync($"/api/contacts/{annId}/events")).GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("event").GetString() == RfmScoring.EventName).ToList();
        var change = Assert.Single(changed).GetProperty("properties");
        Assert.Equal(JsonValueKind.Null, change.GetProperty("from").ValueKind);
        Assert.Equal(RfmSegmentMap.Default.SegmentOf(3, 1), change.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Score_BadAsOf_400NamingTheParameter()
    {
        await using var env = await ServerEnvironment.StartAsync("Sqlite", postgres);
        using var response = await env.Server.AdminAsync(HttpMethod.Post, "/api/analytics/rfm/score?asOf=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"asOf\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void AssertRfm(JsonElement rfm, int days, decimal monetary, int r, int m, int fm)
    {
        Assert.Equal(days, rfm.GetProperty("recencyDays").GetInt32());
        Assert.Equal(1, rfm.GetProperty("frequency").GetInt32());
        Assert.Equal(monetary, rfm.GetProperty("monetary").GetDecimal());
        Assert.Equal(r, rfm.GetProperty("r").GetInt32());
        Assert.Equal(1, rfm.GetProperty("f").GetInt32());
        Assert.Equal(m, rfm.GetProperty("m").GetInt32());
        Assert.Equal(RfmSegmentMap.Default.SegmentOf(r, fm), rfm.GetProperty("segment").GetString());
    }

    private static async Task<JsonElement> ScoreAsync(RekindleServerProcess server)
    {
        using var response = await server.AdminAsync(HttpMethod.Post, "/api/analytics/rfm/score?asOf=2024-03-10T00:00:00Z");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
