using System.Net;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Ingestion;

/// <summary>The settings document analytics.js fetches from its cdnURL, served so a shop can point it at Rekindle.</summary>
public sealed class BrowserSettingsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task Settings_KnownWriteKey_PointsTheLibraryAtThisServer()
    {
        var response = await ApiResponse.ReadAsync(Server.Http.GetAsync($"/v1/projects/{RekindleServerProcess.WriteKey}/settings"));

        response.AssertJson(HttpStatusCode.OK, $$$"""
            {"integrations":{"Segment.io":{"apiKey":"{{{RekindleServerProcess.WriteKey}}}","apiHost":"127.0.0.1:{{{Server.Port}}}/v1","protocol":"http"}},
             "metrics":{"sampleRate":0}}
            """);
    }

    [Fact]
    public async Task Settings_UnknownWriteKey_404()
    {
        var response = await ApiResponse.ReadAsync(Server.Http.GetAsync("/v1/projects/wk_not_a_key/settings"));

        response.AssertJson(HttpStatusCode.NotFound, """{"error":"unknown write key","problems":null}""");
    }

    [Fact]
    public async Task Settings_FromAnotherOrigin_Readable()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/projects/{RekindleServerProcess.WriteKey}/settings");
        request.Headers.Add("Origin", "https://shop.example");

        var response = await ApiResponse.ReadAsync(Server.Http.SendAsync(request));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("*", response.Headers["Access-Control-Allow-Origin"]);
    }
}
