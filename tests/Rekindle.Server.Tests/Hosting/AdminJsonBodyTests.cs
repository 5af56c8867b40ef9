using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Hosting;

/// <summary>
/// Every admin endpoint that reads a JSON body, sent every kind of body that is not a sound JSON document: each is a
/// 400 with a JSON error in our own words, never a 500, an empty 400 or the .NET reader's wording, and the server
/// logs no unhandled exception for it.
/// </summary>
public sealed class AdminJsonBodyTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private static readonly string[] DotNetPhrases = ["System.", "LineNumber", "BytePositionInLine", "reader options", "Exception"];

    /// <summary>Method and path of every admin endpoint with a JSON body (the contact and campaign need not exist: the body is read first).</summary>
    private static readonly Dictionary<string, (string Method, string Path)> Endpoints = new()
    {
        ["catalog"] = ("PUT", "/api/catalog/products"),
        ["flow"] = ("POST", "/api/flows"),
        ["campaign"] = ("POST", "/api/coupons/campaigns"),
        ["pool codes"] = ("POST", "/api/coupons/campaigns/welcome/codes"),
        ["issue coupon"] = ("POST", "/api/contacts/someone/coupons"),
        ["clock advance"] = ("POST", "/api/dev/clock/advance"),
    };

    /// <summary>Bad bodies, with the field the answer must name and the start of its problem (null: not the same for every endpoint).</summary>
    private static readonly Dictionary<string, (byte[] Body, string Field, string? Problem)> Bodies = new()
    {
        ["empty"] = ([], "body", "is empty; expected a JSON object"),
        ["malformed"] = (Utf8("{\"a\": x}"), "body", "is not valid JSON: unexpected character 'x' at line 1, column 7"),
        ["malformed on line 2"] = (Utf8("{\n  \"a\": [1,,2]}"), "body", "is not valid JSON: unexpected character ',' at line 2, column 11"),
        ["truncated"] = (Utf8("{\"a\": ["), "body", "is not valid JSON: it ends too early, at line 1, column 8"),
        ["NaN"] = (Utf8("{\"a\": NaN}"), "body", "is not valid JSON: unexpected character 'N' at line 1, column 7"),
        ["two documents"] = (Utf8("{} {}"), "body", "is not valid JSON: unexpected character '{' at line 1, column 4"),
        ["nested too deep"] = (Utf8(new string('[', 100) + new string(']', 100)), "body",
            "is not valid JSON: objects and arrays nested deeper than 64 levels at line 1, column 65"),
        ["not UTF-8"] = ([.. Utf8("{\"a\": \"caf"), 0xE9, .. Utf8("\"}")], "a", "is not valid UTF-8 (byte 0xE9 at byte offset 10 of the body)"),
        ["unpaired surrogate"] = (Utf8("{\"a\": \"\\ud800\"}"), "a", null),
        ["infinite number"] = (Utf8("{\"a\": 1e400}"), "a", "is out of range: '1e400' is not a finite number"),
        ["duplicate key"] = (Utf8("{\"a\": 1, \"a\": 2}"), "a", "is given twice in the same object; a key may appear only once"),
        ["a string"] = (Utf8("\"products\""), "", null),
        ["an array"] = (Utf8("[{}]"), "", null),
    };

    /// <summary>A member of the wrong JSON type, per endpoint: the reader names it.</summary>
    private static readonly Dictionary<string, (string Body, string Field)> WrongTypes = new()
    {
        ["catalog"] = ("""{"products": {"productId": "p"}}""", "products"),
        ["flow"] = ("""{"id": 5, "name": "n", "trigger": {"event": "x"}, "steps": []}""", "id"),
        ["campaign"] = ("""{"id": true, "name": "C", "codes": "pattern", "pattern": "X-******", "validFor": "7d", "tiers": []}""", "id"),
        ["pool codes"] = ("""{"tier": {"name": "all"}, "codes": ["A-1"]}""", "tier"),
        ["issue coupon"] = ("""{"campaign": ["welcome"]}""", "campaign"),
        ["clock advance"] = ("""{"by": 86400}""", "by"),
    };

    private RekindleServerProcess Server => fixture.Server;

    public static TheoryData<string, string> BadBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in Endpoints.Keys)
        {
            foreach (var body in Bodies.Keys)
            {
                data.Add(endpoint, body);
            }
        }

        return data;
    }

    public static TheoryData<string> EndpointNames() => [.. Endpoints.Keys];

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Send_BadBody_400InOurWordsAndNoUnhandledException(string endpoint, string body)
    {
        var (bytes, field, problem) = Bodies[body];

        var (response, log) = await SendAsync(endpoint, bytes);

        var (error, problems) = AssertRefusal(response, log);
        if (field.Length > 0)
        {
            var named = Assert.Single(problems, p => p.Field == field);
            Assert.StartsWith(problem ?? "", named.Problem, StringComparison.Ordinal);
            Assert.Contains(field == "body" ? "body" : field, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(EndpointNames))]
    public async Task Send_MemberOfTheWrongType_400NamingIt(string endpoint)
    {
        var (body, field) = WrongTypes[endpoint];

        var (response, log) = await SendAsync(endpoint, Utf8(body));

        var (_, problems) = AssertRefusal(response, log);
        Assert.Contains(problems, p => p.Field == field);
    }

    [Fact]
    public async Task PutCatalog_MalformedJson_ProblemGivesLineAndColumn()
    {
        var (response, _) = await SendAsync("catalog", Utf8("""{"products": [{"productId": x}]}"""));

        response.AssertJson(HttpStatusCode.BadRequest, """
            {"error": "the body is not valid JSON",
             "problems": [{"field": "body", "problem": "is not valid JSON: unexpected character 'x' at line 1, column 29"}]}
            """);
    }

    [Fact]
    public async Task IssueCoupon_BodyNotAnObject_ProblemNamesWhatCame()
    {
        var (response, _) = await SendAsync("issue coupon", Utf8("\"welcome\""));

        response.AssertJson(HttpStatusCode.BadRequest, """
            {"error": "the body must be a JSON object", "problems": [{"field": "body", "problem": "is a string; expected an object"}]}
            """);
    }

    [Fact]
    public async Task AddPoolCodes_CodeOfTheWrongType_ProblemNamesItsPlace()
    {
        var (response, _) = await SendAsync("pool codes", Utf8("""{"tier": "all", "codes": ["A-1", 7]}"""));

        response.AssertJson(HttpStatusCode.BadRequest, """
            {"error": "codes[1] has the wrong type", "problems": [{"field": "codes[1]", "problem": "is a number, which this field cannot take"}]}
            """);
    }

    /// <summary>The order import reads CSV, not JSON, but must refuse what is not a CSV file the same way.</summary>
    [Theory]
    [InlineData("empty", "header", "The file is empty: the online-retail layout needs a header row.")]
    [InlineData("JSON", "header", null)]
    [InlineData("damaged gzip", "body", "is not a valid gzip stream: it is damaged or cut short; nothing was imported")]
    [InlineData("cut-short gzip", "body", "is not a valid gzip stream: it is damaged or cut short; nothing was imported")]
    public async Task ImportOrders_NotACsvFile_400InOurWords(string body, string field, string? problem)
    {
        byte[] csv = Utf8("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom\n");
        byte[] bytes = body switch
        {
            "empty" => [],
            "JSON" => Utf8("""{"orders": [x]}"""),
            "damaged gzip" => [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x03, 0xff, 0xff, 0xff, 0xff],
            _ => Gzip(csv)[..^12],
        };

        var (response, log) = await SendAsync(("POST", "/api/orders/import"), bytes);

        var (_, problems) = AssertRefusal(response, log);
        var named = Assert.Single(problems);
        Assert.Equal(field, named.Field);
        Assert.StartsWith(problem ?? "", named.Problem, StringComparison.Ordinal);
        Assert.Equal(0, (await Server.AdminJsonAsync("/api/orders/totals")).GetProperty("orders").GetInt64());
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The response, and what the server logged while answering it.</summary>
    private Task<(ApiResponse Response, string Log)> SendAsync(string endpoint, byte[] body) => SendAsync(Endpoints[endpoint], body);

    private async Task<(ApiResponse Response, string Log)> SendAsync((string Method, string Path) endpoint, byte[] body)
    {
        var (method, path) = endpoint;
        var logBefore = Server.Output.Length;
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.AdminKeyInUse);
        var response = await ApiResponse.ReadAsync(Server.Http.SendAsync(request));
        return (response, Server.Output[logBefore..]);
    }

    private static (string Error, List<(string Field, string Problem)> Problems) AssertRefusal(ApiResponse response, string log)
    {
        Assert.True(response.Status == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.Status}: {response.Body}");
        Assert.Equal("application/json", response.ContentType);
        foreach (var phrase in DotNetPhrases)
        {
            Assert.DoesNotContain(phrase, response.Body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unhandled exception", log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fail:", log, StringComparison.Ordinal);
        var json = response.Json;
        var problems = json.TryGetProperty("problems", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(p => (p.GetProperty("field").GetString()!, p.GetProperty("problem").GetString()!)).ToList()
            : [];
        return (json.GetProperty("error").GetString()!, problems);
    }
}
