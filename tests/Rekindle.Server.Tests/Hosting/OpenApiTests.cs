using System.Net;
using System.Text.Json;
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

    [Fact]
    public async Task OpenApiDocument_SecuritySchemes_BasicForIngestionBearerForAdmin()
    {
        var schemes = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes");

        Assert.Equal(("http", "basic"), (schemes.GetProperty("writeKey").GetProperty("type").GetString(), schemes.GetProperty("writeKey").GetProperty("scheme").GetString()));
        Assert.Equal(("http", "bearer"), (schemes.GetProperty("adminKey").GetProperty("type").GetString(), schemes.GetProperty("adminKey").GetProperty("scheme").GetString()));
    }

    [Fact]
    public async Task OpenApiDocument_EveryOperation_SecuredAndWithSchemas()
    {
        var problems = new List<string>();
        foreach (var path in (await DocumentAsync()).GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                problems.AddRange(Problems(path.Name, operation.Name, operation.Value).Select(p => $"{operation.Name.ToUpperInvariant()} {path.Name}: {p}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task OpenApiDocument_Schemas_NoneIsACoreEngineStorageOrChannelsType()
    {
        // The public API is made of the server's own records: a schema named after an internal type means a refactor
        // of that type silently changes what clients see. (The schema name is the type's name, without its namespace.)
        var internalTypes = new[]
            {
                typeof(Rekindle.Core.Contacts.ContactProfile), typeof(Rekindle.Engine.Intelligence.RfmScoring), typeof(Rekindle.Storage.Orders.OrderStore),
                typeof(Rekindle.Channels.Email.HtmlToText),
            }
            .SelectMany(t => t.Assembly.GetExportedTypes())
            .Select(t => t.Name.Split('`')[0])
            .ToHashSet(StringComparer.Ordinal);
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToList();

        Assert.Contains("ContactView", schemas);
        var leaked = schemas.Where(internalTypes.Contains).Order(StringComparer.Ordinal).ToList();
        Assert.True(leaked.Count == 0, "internal types in the API: " + string.Join(", ", leaked));
    }

    [Fact]
    public async Task OpenApiDocument_OrderImport_CsvOrGzipFileBody()
    {
        var body = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/orders/import").GetProperty("post").GetProperty("requestBody");

        Assert.True(body.GetProperty("required").GetBoolean());
        var content = body.GetProperty("content");
        Assert.Equal(["application/gzip", "text/csv"], content.EnumerateObject().Select(m => m.Name).Order(StringComparer.Ordinal));
        JsonAssert.Equal("""{"type":"string","format":"binary"}""", content.GetProperty("text/csv").GetProperty("schema").GetRawText());
        JsonAssert.Equal("""{"type":"string","format":"binary"}""", content.GetProperty("application/gzip").GetProperty("schema").GetRawText());
    }

    [Theory]
    [InlineData("/v1/track", "TrackMessage")]
    [InlineData("/v1/identify", "IdentifyMessage")]
    [InlineData("/v1/page", "PageMessage")]
    [InlineData("/v1/screen", "ScreenMessage")]
    [InlineData("/v1/alias", "AliasMessage")]
    [InlineData("/v1/group", "GroupMessage")]
    [InlineData("/v1/batch", "BatchRequest")]
    public async Task OpenApiDocument_IngestionOperation_SegmentMessageInAcceptedOrRejectedOut(string path, string requestSchema)
    {
        var document = await DocumentAsync();
        var post = document.GetProperty("paths").GetProperty(path).GetProperty("post");

        Assert.Equal("#/components/schemas/" + requestSchema, SchemaRef(post.GetProperty("requestBody")));
        Assert.Equal("#/components/schemas/IngestionResponse", SchemaRef(post.GetProperty("responses").GetProperty("200")));
        Assert.Equal("#/components/schemas/IngestionError", SchemaRef(post.GetProperty("responses").GetProperty("400")));
        Assert.Equal("writeKey", Assert.Single(Assert.Single(post.GetProperty("security").EnumerateArray().ToList()).EnumerateObject().ToList()).Name);
        Assert.True(document.GetProperty("components").GetProperty("schemas").GetProperty(requestSchema).GetProperty("properties").TryGetProperty("messageId", out _)
            || requestSchema == "BatchRequest");
    }

    [Fact]
    public async Task OpenApiDocument_SaveFlow_FlowDocumentInValidationErrorOut()
    {
        var document = await DocumentAsync();
        var post = document.GetProperty("paths").GetProperty("/api/flows").GetProperty("post");

        Assert.Equal("#/components/schemas/FlowDocument", SchemaRef(post.GetProperty("requestBody")));
        Assert.Equal("#/components/schemas/FlowSavedView", SchemaRef(post.GetProperty("responses").GetProperty("200")));
        Assert.Equal("#/components/schemas/ApiError", SchemaRef(post.GetProperty("responses").GetProperty("400")));
        var flow = document.GetProperty("components").GetProperty("schemas").GetProperty("FlowDocument").GetProperty("properties");
        Assert.Equal(["goals", "id", "name", "reentry", "steps", "trigger"], flow.EnumerateObject().Select(p => p.Name).Order());
        var step = document.GetProperty("components").GetProperty("schemas").GetProperty("FlowStepDocument").GetProperty("properties");
        Assert.Equal(
            ["bestTimeWithin", "body", "branches", "campaign", "channel", "condition", "coupon", "duration", "else", "event", "fromStep", "headers",
             "html", "id", "next", "paths", "recommendations", "subject", "tag", "text", "then", "timeout", "timeoutNext", "to", "trait",
             "transactional", "type", "until", "untilDate", "url", "value", "where"],
            step.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DocsPage_ExampleRequests_CarryBothKeysAsPlaceholders()
    {
        var page = await ApiResponse.ReadAsync(Server.Http.GetAsync("/docs/"));

        // The page hands Scalar its configuration as one JSON object on its own line.
        var config = page.Body.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("{\"authentication\"", StringComparison.Ordinal)).TrimEnd(',');
        JsonAssert.Equal("""
            {"preferredSecurityScheme":["adminKey","writeKey"],
             "securitySchemes":{"adminKey":{"token":"YOUR_ADMIN_KEY"},"writeKey":{"username":"YOUR_WRITE_KEY","password":""}}}
            """, JsonDocument.Parse(config).RootElement.GetProperty("authentication").GetRawText());
        Assert.DoesNotContain(RekindleServerProcess.AdminKey, page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentedRequestBody_TextPlainBody_NotRefusedByRouting()
    {
        // The body's schema is documented without restricting the Content-Type: Segment's browser library sends text/plain.
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/track")
        {
            Content = new StringContent($$"""{"anonymousId": "{{SegmentCalls.NewId("a")}}", "event": "Product Viewed"}""", System.Text.Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(RekindleServerProcess.WriteKey + ":")));

        var response = await ApiResponse.ReadAsync(Server.Http.SendAsync(request));

        response.AssertJson(HttpStatusCode.OK, SegmentCalls.Accepted1);
    }

    /// <summary>Public on purpose: mail clients and probes have no key.</summary>
    private static bool IsPublic(string path) => path.StartsWith("/t/", StringComparison.Ordinal) || path.StartsWith("/health", StringComparison.Ordinal);

    private static IEnumerable<string> Problems(string path, string method, JsonElement operation)
    {
        var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
        if (secured == IsPublic(path))
        {
            yield return secured ? "a public endpoint declares a security requirement" : "no security requirement";
        }

        if (operation.TryGetProperty("requestBody", out var body))
        {
            foreach (var media in body.GetProperty("content").EnumerateObject().Where(m => !HasSchema(m.Value)))
            {
                yield return $"request body {media.Name} has no schema";
            }
        }
        else if (method == "post" && (path.StartsWith("/v1/", StringComparison.Ordinal) || path == "/api/flows"))
        {
            yield return "no request body";
        }

        var responses = operation.GetProperty("responses").EnumerateObject().ToList();
        if (!responses.Any(r => r.Name[0] is '2' or '3'))
        {
            yield return "no 2xx response";
        }

        if (!IsPublic(path) && !responses.Any(r => r.Name[0] == '4'))
        {
            yield return "no 4xx response";
        }

        foreach (var response in responses.Where(r => r.Name[0] is '2' or '4' && r.Name != "204"))
        {
            if (!response.Value.TryGetProperty("content", out var content) || !content.EnumerateObject().Any())
            {
                yield return $"response {response.Name} has no content";
                continue;
            }

            foreach (var media in content.EnumerateObject().Where(m => !HasSchema(m.Value)))
            {
                yield return $"response {response.Name} {media.Name} has no schema";
            }
        }
    }

    private static bool HasSchema(JsonElement media) =>
        media.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object && schema.EnumerateObject().Any();

    private static string? SchemaRef(JsonElement bodyOrResponse) =>
        bodyOrResponse.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();

    private async Task<JsonElement> DocumentAsync() => (await ApiResponse.ReadAsync(Server.Http.GetAsync("/openapi/v1.json"))).Json;
}
