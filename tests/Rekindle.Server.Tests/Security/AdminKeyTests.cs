using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using static Rekindle.Server.Tests.Infrastructure.SegmentCalls;

namespace Rekindle.Server.Tests.Security;

/// <summary>
/// The admin key guards /api and the dev mailbox; the write key only opens /v1; neither key is ever echoed
/// or printed. The server logs at production level here, so its output is what an operator would see.
/// </summary>
public sealed class AdminKeyTests(ProductionLoggingServerFixture fixture) : IClassFixture<ProductionLoggingServerFixture>
{
    private const string MissingKey = """{"error":"missing admin key: send 'Authorization: Bearer <Admin:ApiKey>'","problems":null}""";
    private const string InvalidKey = """{"error":"the admin key is not valid","problems":null}""";

    private RekindleServerProcess Server => fixture.Server;

    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "GET", "/api/contacts?email=ada@example.com" },
        { "GET", "/api/contacts/c-1" },
        { "GET", "/api/contacts/c-1/events" },
        { "GET", "/api/flows" },
        { "POST", "/api/flows" },
        { "GET", "/api/flows/abandoned-cart/instances" },
        { "GET", "/api/dev/mailbox" },
        { "GET", "/api/dev/clock" },
        { "POST", "/api/dev/clock/advance" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpoint_NoAuthorization_401(string method, string path)
    {
        var response = await SendAsync(method, path, authorization: null);

        response.AssertJson(HttpStatusCode.Unauthorized, MissingKey);
        Assert.Equal("Bearer", response.Headers["WWW-Authenticate"]);
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpoint_WrongBearer_401(string method, string path)
    {
        var response = await SendAsync(method, path, new AuthenticationHeaderValue("Bearer", "ak_guessed_admin_key"));

        response.AssertJson(HttpStatusCode.Unauthorized, InvalidKey);
    }

    [Fact]
    public async Task AdminEndpoint_WriteKeyAsBearer_401()
    {
        // A write key ships inside every shop's JavaScript; it must open nothing but /v1.
        var response = await SendAsync("GET", "/api/flows", new AuthenticationHeaderValue("Bearer", RekindleServerProcess.WriteKey));

        response.AssertJson(HttpStatusCode.Unauthorized, InvalidKey);
    }

    [Fact]
    public async Task AdminEndpoint_AdminBearer_200()
    {
        var response = await SendAsync("GET", "/api/flows", new AuthenticationHeaderValue("Bearer", RekindleServerProcess.AdminKey));

        response.AssertJson(HttpStatusCode.OK, "[]");
    }

    [Fact]
    public async Task Ingestion_AdminKeyAsWriteKey_401()
    {
        var response = await PostAsync(Server, "/v1/track", """{"anonymousId":"a-1","event":"E"}""", basicUser: RekindleServerProcess.AdminKey);

        response.AssertJson(HttpStatusCode.Unauthorized, """{"error":"unknown write key","problems":null}""");
    }

    [Theory]
    [InlineData("/dev/mailbox", "This page needs Rekindle's admin key.", "/dev/mailbox?key=")]
    [InlineData("/dev/mailbox?key=ak_guessed_admin_key", "The key in this address is not Rekindle's admin key.", "/dev/mailbox?key=")]
    [InlineData("/dev/mailbox/m-1?limit=5", "This page needs Rekindle's admin key.", "/dev/mailbox/m-1?limit=5&amp;key=")]
    public async Task DevMailboxPage_WithoutTheAdminKey_401PageSayingHowToOpenIt(string path, string problem, string address)
    {
        // A browser cannot send a bearer header: the page says where the key goes and where it was printed.
        var response = await ApiResponse.ReadAsync(Server.Http.GetAsync(path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("text/html", response.ContentType);
        Assert.Contains($"<p>{problem} A browser cannot send an <code>Authorization</code> header", response.Body, StringComparison.Ordinal);
        Assert.Contains($"<code>http://127.0.0.1:{Server.Port}{address}&lt;admin key&gt;</code>", response.Body, StringComparison.Ordinal);
        Assert.Contains("<code>Admin API key (Authorization: Bearer for /api): ak_...</code>", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ak_guessed_admin_key", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiAddressOpenedInABrowser_NoKey_401Page_ApiClient_401Json()
    {
        using var browser = new HttpRequestMessage(HttpMethod.Get, "/api/analytics/rfm/grid.svg");
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var page = await ApiResponse.ReadAsync(Server.Http.SendAsync(browser));
        var api = await ApiResponse.ReadAsync(Server.Http.GetAsync("/api/analytics/rfm/grid.svg"));

        Assert.Equal((HttpStatusCode.Unauthorized, "text/html"), (page.Status, page.ContentType));
        Assert.Contains($"<code>http://127.0.0.1:{Server.Port}/api/analytics/rfm/grid.svg?key=&lt;admin key&gt;</code>", page.Body, StringComparison.Ordinal);
        api.AssertJson(HttpStatusCode.Unauthorized, MissingKey);
    }

    [Fact]
    public async Task DevMailboxPage_AdminKeyInQuery_200HtmlThatSendsNoReferer()
    {
        var response = await ApiResponse.ReadAsync(Server.Http.GetAsync($"/dev/mailbox?key={RekindleServerProcess.AdminKey}"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/html", response.ContentType);
        Assert.StartsWith("<!doctype html>", response.Body, StringComparison.Ordinal);
        Assert.Contains("<h1>Dev mailbox</h1>", response.Body, StringComparison.Ordinal);
        // The key is in the page's URL: the browser must not pass it on to the images of a rendered email.
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"]);
    }

    [Fact]
    public async Task Keys_NeverInResponsesOrServerOutput()
    {
        var id = NewId("keys");
        var bearer = new AuthenticationHeaderValue("Bearer", RekindleServerProcess.AdminKey);
        var responses = new List<ApiResponse>
        {
            await PostAsync(Server, "/v1/track", $$"""{"anonymousId":"{{id}}","event":"Product Viewed"}"""),
            await PostAsync(Server, "/v1/track", $$"""{"writeKey":"{{RekindleServerProcess.WriteKey}}","anonymousId":"{{id}}","event":42}""", basicUser: null),
            await PostAsync(Server, "/v1/batch", """{"batch":[{"type":"track","event":"E"}]}"""),
            await PostAsync(Server, "/v1/track", "{not json"),
            await PostAsync(Server, "/v1/track", "{}", basicUser: "wk_guessed_write_key"),
            await PostAsync(Server, "/v1/track", "{}", basicUser: RekindleServerProcess.AdminKey),
            await SendAsync("GET", "/api/flows", new AuthenticationHeaderValue("Bearer", "ak_guessed_admin_key")),
            await SendAsync("GET", "/api/flows", new AuthenticationHeaderValue("Bearer", RekindleServerProcess.WriteKey)),
            await SendAsync("POST", "/api/flows", bearer, """{"id":"x"}"""),
            await SendAsync("GET", "/api/dev/mailbox", bearer),
            await SendAsync("GET", "/api/dev/clock", bearer),
            await ApiResponse.ReadAsync(Server.Http.GetAsync("/openapi/v1.json")),
        };
        await ContactQueries.WaitForContactAsync(Server, "anonymousId", id);
        responses.Add(await ContactQueries.FindAsync(Server, "anonymousId", id));
        // Only for the output check: the mailbox page's links carry the key its caller gave, by design.
        Assert.Equal(HttpStatusCode.OK, (await ApiResponse.ReadAsync(Server.Http.GetAsync($"/dev/mailbox?key={RekindleServerProcess.AdminKey}"))).Status);

        string[] secrets = [RekindleServerProcess.WriteKey, RekindleServerProcess.AdminKey, "wk_guessed_write_key", "ak_guessed_admin_key"];
        foreach (var response in responses)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, response.Body, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, string.Join("\n", response.Headers.Values), StringComparison.Ordinal);
            }
        }

        var output = Server.Output;
        Assert.Contains("Now listening on", output, StringComparison.Ordinal);   // the output is really captured
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
    }

    private Task<ApiResponse> SendAsync(string method, string path, AuthenticationHeaderValue? authorization, string? json = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = authorization;
        if (json is not null || method == "POST")
        {
            request.Content = new StringContent(json ?? "{}", Encoding.UTF8, "application/json");
        }

        return ApiResponse.ReadAsync(Server.Http.SendAsync(request));
    }
}
