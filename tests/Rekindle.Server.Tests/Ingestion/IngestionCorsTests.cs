using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Rekindle.Server.Features.Ingestion;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Ingestion;

/// <summary>Browsers may post to /v1 from a shop's pages: any origin by default.</summary>
public sealed class IngestionCorsAnyOriginTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    [Theory]
    [InlineData("/v1/batch")]
    [InlineData("/v1/t")]
    [InlineData("/v1/identify")]
    public async Task Preflight_AnyOrigin_204AllowingTheMethodsAndHeadersBrowsersSend(string path)
    {
        var response = await CorsCalls.PreflightAsync(Server, path, "https://shop.example");

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal("*", response.Headers["Access-Control-Allow-Origin"]);
        Assert.Equal("GET,POST", response.Headers["Access-Control-Allow-Methods"]);
        Assert.Equal("Authorization,Content-Type,Content-Encoding,X-Retry-Count", response.Headers["Access-Control-Allow-Headers"]);
        Assert.Equal("3600", response.Headers["Access-Control-Max-Age"]);
    }

    [Fact]
    public async Task Post_FromAnotherOrigin_AnswerCarriesAllowOrigin()
    {
        var response = await CorsCalls.PostAsync(Server, "/v1/track", "https://shop.example", SegmentCalls.NewId("cors"));

        response.AssertJson(HttpStatusCode.OK, SegmentCalls.Accepted1);
        Assert.Equal("*", response.Headers["Access-Control-Allow-Origin"]);
    }

    [Fact]
    public async Task Post_RefusedFromAnotherOrigin_BrowserCanStillReadTheError()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/track") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", "https://shop.example");

        var response = await ApiResponse.ReadAsync(Server.Http.SendAsync(request));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("*", response.Headers["Access-Control-Allow-Origin"]);
    }

    [Fact]
    public async Task Preflight_AdminApi_NoCors()
    {
        // The admin API is for the shop's servers and the admin UI on Rekindle's own origin, never for other sites.
        var response = await CorsCalls.PreflightAsync(Server, "/api/contacts", "https://shop.example");

        Assert.False(response.Headers.ContainsKey("Access-Control-Allow-Origin"), response.Body);
    }
}

/// <summary>With Ingestion:AllowedOrigins set, only the listed origins get CORS headers.</summary>
public sealed class IngestionCorsListedOriginsTests(IngestionCorsListedOriginsTests.ListedOriginsFixture fixture)
    : IClassFixture<IngestionCorsListedOriginsTests.ListedOriginsFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    [Theory]
    [InlineData("https://shop.example")]
    [InlineData("http://localhost:8080")]
    public async Task Preflight_ListedOrigin_AllowedByName(string origin)
    {
        var response = await CorsCalls.PreflightAsync(Server, "/v1/batch", origin);

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal(origin, response.Headers["Access-Control-Allow-Origin"]);
        Assert.Equal("Authorization,Content-Type,Content-Encoding,X-Retry-Count", response.Headers["Access-Control-Allow-Headers"]);
        Assert.Equal("Origin", response.Headers["Vary"]);
    }

    [Fact]
    public async Task Preflight_UnlistedOrigin_NoCorsHeaders()
    {
        var response = await CorsCalls.PreflightAsync(Server, "/v1/batch", "https://evil.example");

        Assert.DoesNotContain(response.Headers.Keys, h => h.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Post_ListedAndUnlistedOrigin_OnlyTheListedOneMayReadTheAnswer()
    {
        var listed = await CorsCalls.PostAsync(Server, "/v1/track", "https://shop.example", SegmentCalls.NewId("listed"));
        var unlisted = await CorsCalls.PostAsync(Server, "/v1/track", "https://evil.example", SegmentCalls.NewId("unlisted"));

        Assert.Equal("https://shop.example", listed.Headers["Access-Control-Allow-Origin"]);
        // The server still stores it (CORS protects the reader, not the server): a non-browser client sends no Origin.
        unlisted.AssertJson(HttpStatusCode.OK, SegmentCalls.Accepted1);
        Assert.DoesNotContain(unlisted.Headers.Keys, h => h.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    public sealed class ListedOriginsFixture : SqliteServerFixture
    {
        // Written as a shop would, with a trailing slash and a space, which an Origin header never has.
        protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
        {
            ["Ingestion__AllowedOrigins"] = "https://shop.example/, http://localhost:8080",
        };
    }
}

internal static class CorsCalls
{
    /// <summary>What a browser sends before posting JSON with Basic auth to another origin.</summary>
    public static Task<ApiResponse> PreflightAsync(RekindleServerProcess server, string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return ApiResponse.ReadAsync(server.Http.SendAsync(request));
    }

    public static Task<ApiResponse> PostAsync(RekindleServerProcess server, string path, string origin, string anonymousId)
    {
        var json = $$"""{"writeKey":"{{RekindleServerProcess.WriteKey}}","anonymousId":"{{anonymousId}}","event":"Product Viewed"}""";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", origin);
        return ApiResponse.ReadAsync(server.Http.SendAsync(request));
    }
}

/// <summary>How Ingestion:AllowedOrigins is read, and that a value that is not an origin stops the start.</summary>
public sealed class IngestionCorsSettingTests
{
    [Theory]
    [InlineData(null, "*")]
    [InlineData("*", "*")]
    [InlineData("https://shop.example/", "https://shop.example")]
    [InlineData("https://shop.example, http://localhost:8080", "https://shop.example|http://localhost:8080")]
    [InlineData("https://SHOP.example:443 https://www.shop.example:8443", "https://shop.example|https://www.shop.example:8443")]
    public void AllowedOrigins_OneValue_ParsedAsOrigins(string? value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ingestion:AllowedOrigins"] = value }).Build();

        Assert.Equal(expected.Split('|'), IngestionCors.AllowedOrigins(configuration));
    }

    [Fact]
    public void AllowedOrigins_Array_EachElementAnOrigin()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ingestion:AllowedOrigins:0"] = "https://shop.example",
            ["Ingestion:AllowedOrigins:1"] = "https://www.shop.example",
        }).Build();

        Assert.Equal(["https://shop.example", "https://www.shop.example"], IngestionCors.AllowedOrigins(configuration));
    }

    [Theory]
    [InlineData("shop.example")]
    [InlineData("https://shop.example/checkout")]
    [InlineData("ftp://shop.example")]
    public void AllowedOrigins_NotAnOrigin_ThrowsNamingTheValue(string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ingestion:AllowedOrigins"] = value }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => IngestionCors.AllowedOrigins(configuration));

        Assert.Equal($"Ingestion:AllowedOrigins: '{value}' is not an origin; write '*' or origins like 'https://shop.example' or "
            + "'http://localhost:8080' (scheme, host and port only)", error.Message);
    }
}
