using System.Net;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Hosting;

/// <summary>The OpenAPI document a shop's developer (or a client generator) reads.</summary>
public sealed class OpenApiTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task OpenApiDocument_WithoutAuthorization_ListsTheApi()
    {
        var response = await ApiResponse.ReadAsync(Server.Http.GetAsync("/openapi/v1.json"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.ContentType);
        Assert.StartsWith("3.", response.Json.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = response.Json.GetProperty("paths");
        Assert.True(paths.GetProperty("/v1/track").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/v1/batch").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/flows").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/flows").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/contacts/{id}").TryGetProperty("get", out _));
    }

    [Fact]
    public async Task OpenApiDocument_IngestionEndpoints_AllSegmentCallsListed()
    {
        var paths = (await ApiResponse.ReadAsync(Server.Http.GetAsync("/openapi/v1.json"))).Json.GetProperty("paths");

        var ingestion = paths.EnumerateObject().Select(p => p.Name).Where(p => p.StartsWith("/v1/", StringComparison.Ordinal)).Order();
        // The browser library's one-letter aliases (/v1/t, ...) are left out; its settings document is in.
        Assert.Equal(["/v1/alias", "/v1/batch", "/v1/group", "/v1/identify", "/v1/page", "/v1/projects/{writeKey}/settings", "/v1/screen", "/v1/track"],
            ingestion, StringComparer.Ordinal);
    }
}
