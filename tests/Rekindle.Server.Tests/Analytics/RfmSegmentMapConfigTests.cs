using System.Net;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Analytics;

/// <summary>A shop's own RFM segment map from Intelligence:RfmSegmentMapFile: used when valid, refused at start when not.</summary>
public sealed class RfmSegmentMapConfigTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rekindle-rfm-map-" + Guid.NewGuid().ToString("N"));

    public RfmSegmentMapConfigTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    [Fact]
    public async Task TwoSegmentMap_ScoresIntoItsSegments()
    {
        // docs/import.md's two customers scored at 2024-03-10 are R3 (c-17) and R5 (c-42) (see RfmApiTests).
        await using var server = await StartAsync("""
            {"segments":[{"name":"Recent","cells":[{"r":[4,5],"fm":[1,5]}]},{"name":"Lapsing","cells":[{"r":[1,3],"fm":[1,5]}]}]}
            """);
        using (var import = await server.AdminAsync(HttpMethod.Post, "/api/orders/import?format=generic", SampleOrders.GenericDocsExample))
        {
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        }

        await server.WaitUntilAppliedAsync();
        using (var score = await server.AdminAsync(HttpMethod.Post, "/api/analytics/rfm/score?asOf=2024-03-10T00:00:00Z"))
        {
            Assert.Equal(HttpStatusCode.OK, score.StatusCode);
        }

        var run = await server.AdminJsonAsync("/api/analytics/rfm");
        Assert.Equal(["Recent:1", "Lapsing:1"],
            run.GetProperty("segments").EnumerateArray().Select(s => $"{s.GetProperty("segment").GetString()}:{s.GetProperty("customers").GetInt32()}"));
        Assert.Equal("Lapsing", (await server.AdminJsonAsync("/api/contacts?userId=c-17")).GetProperty("rfm").GetProperty("segment").GetString());
        Assert.Equal("Recent", (await server.AdminJsonAsync("/api/contacts?userId=c-42")).GetProperty("rfm").GetProperty("segment").GetString());
    }

    [Fact]
    public async Task MapLeavingCellsUncovered_ServerRefusesToStartAndSaysWhy()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(
            """{"segments":[{"name":"Recent","cells":[{"r":[4,5],"fm":[1,5]}]}]}"""));

        Assert.Contains("Intelligence:RfmSegmentMapFile", failure.Message, StringComparison.Ordinal);
        Assert.Contains("is not a valid segment map", failure.Message, StringComparison.Ordinal);
        Assert.Contains("segments: cell R3 FM1 belongs to no segment", failure.Message, StringComparison.Ordinal);
    }

    private async Task<RekindleServerProcess> StartAsync(string mapJson)
    {
        var map = Path.Combine(_folder, "segments.json");
        await File.WriteAllTextAsync(map, mapJson);
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        var settings = SqliteServerFixture.SqliteSettings(Path.Combine(_folder, "data"));
        settings["Intelligence__RfmSegmentMapFile"] = map;
        var server = new RekindleServerProcess(settings);
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
