using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using static Rekindle.Server.Tests.Infrastructure.SegmentCalls;

namespace Rekindle.Server.Tests.Ingestion;

/// <summary>What the Segment-compatible API refuses, how it says why, and that it stores none of it.</summary>
public sealed class IngestionRejectionTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private const string MissingKey = """{"error":"missing write key: send it as the HTTP Basic user name (or \"writeKey\" in the body)","problems":null}""";
    private const string UnknownKey = """{"error":"unknown write key","problems":null}""";

    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task Post_NoWriteKey_401NamingTheMissingKey()
    {
        var response = await PostAsync(Server, "/v1/track", """{"anonymousId":"a-1","event":"Product Viewed"}""", basicUser: null);

        response.AssertJson(HttpStatusCode.Unauthorized, MissingKey);
        Assert.Equal("Basic realm=\"Rekindle\"", response.Headers["WWW-Authenticate"]);
    }

    [Theory]
    [InlineData("wk_not_a_key", """{"anonymousId":"a-1","event":"Product Viewed"}""")]
    [InlineData(null, """{"writeKey":"wk_not_a_key","anonymousId":"a-1","event":"Product Viewed"}""")]
    public async Task Post_UnknownWriteKey_401(string? basicUser, string body)
    {
        var response = await PostAsync(Server, "/v1/track", body, basicUser);

        response.AssertJson(HttpStatusCode.Unauthorized, UnknownKey);
    }

    [Theory]
    [InlineData("/v1/track", """{"anonymousId":"a-1","event":"Product Viewed" """)]
    [InlineData("/v1/batch", """{"batch":[{"type":"track","anonymousId":"a-1","event":"Product Viewed"},]}""")]
    public async Task Post_MalformedJson_400NamingTheBody(string path, string body)
    {
        var response = await PostAsync(Server, path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var problem = Assert.Single(response.Json.GetProperty("problems").EnumerateArray());
        Assert.Equal("body", problem.GetProperty("field").GetString());
        Assert.StartsWith("is not valid JSON: ", problem.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal("body " + problem.GetProperty("problem").GetString(), response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Post_EmptyBody_400()
    {
        var response = await PostAsync(Server, "/v1/identify", "");

        response.AssertJson(HttpStatusCode.BadRequest, """
            {"error":"body is empty; expected a JSON object","problems":[{"field":"body","problem":"is empty; expected a JSON object"}]}
            """);
    }

    [Fact]
    public async Task Track_NeitherUserIdNorAnonymousId_400NamingTheField()
    {
        var response = await PostAsync(Server, "/v1/track", """{"messageId":"m-no-ids","event":"Product Viewed"}""");

        response.AssertJson(HttpStatusCode.BadRequest, """
            {"success":false,"accepted":0,"error":"userId is required when anonymousId is absent",
             "rejected":[{"index":0,"messageId":"m-no-ids","problems":[{"field":"userId","problem":"is required when anonymousId is absent"}]}]}
            """);
    }

    [Theory]
    [InlineData("""{"anonymousId":"a-1","event":42}""", "event", "must be a string (got number)")]
    [InlineData("""{"anonymousId":"a-1","event":"E","properties":[1,2]}""", "properties", "must be an object (got array)")]
    [InlineData("""{"anonymousId":"a-1","event":"E","timestamp":"yesterday"}""", "timestamp", "is not an ISO-8601 date-time: 'yesterday'")]
    [InlineData("""{"anonymousId":"a-1","event":"E","timestamp":1700000000}""", "timestamp", "must be an ISO-8601 date-time string (got number)")]
    [InlineData("""{"anonymousId":["a-1"],"event":"E"}""", "anonymousId", "must be a string or number (got array)")]
    public async Task Track_FieldOfTheWrongType_400NamingTheField(string body, string field, string problem)
    {
        var response = await PostAsync(Server, "/v1/track", body);

        response.AssertJson(HttpStatusCode.BadRequest, JsonSerializer.Serialize(new
        {
            success = false, accepted = 0, error = $"{field} {problem}",
            rejected = new[] { new { index = 0, messageId = (string?)null, problems = new[] { new { field, problem } } } },
        }));
    }

    [Fact]
    public async Task Track_MessageOver32KB_413()
    {
        var response = await PostAsync(Server, "/v1/track", JsonSerializer.Serialize(new
        {
            anonymousId = NewId("big"), @event = "Product Viewed", properties = new { description = new string('x', 32 * 1024) },
        }));

        // Segment documents 400 here; 413 says the same more precisely, and Segment clients treat every 4xx
        // but 429 alike (drop, do not retry).
        response.AssertJson(HttpStatusCode.RequestEntityTooLarge, """{"error":"request body is larger than 32,768 bytes","problems":null}""");
    }

    [Fact]
    public async Task Batch_Over500KB_413()
    {
        // 20 messages of 26 KB: each within the 32 KB message limit, together over the 500 KB batch limit.
        var id = NewId("big-batch");
        var messages = Enumerable.Range(0, 20).Select(i => new
        {
            type = "track", anonymousId = id, @event = "Product Viewed", properties = new { description = new string('x', 26 * 1024) },
        });

        var response = await PostAsync(Server, "/v1/batch", JsonSerializer.Serialize(new { batch = messages }));

        response.AssertJson(HttpStatusCode.RequestEntityTooLarge, """{"error":"request body is larger than 512,000 bytes","problems":null}""");
    }

    [Fact]
    public async Task Batch_MessageOver32KB_OnlyThatMessageRejected()
    {
        var id = NewId("big-item");
        var batch = JsonSerializer.Serialize(new
        {
            batch = new object[]
            {
                new { type = "track", anonymousId = id, messageId = id + "-big", @event = "Product Viewed", properties = new { d = new string('x', 32 * 1024) } },
                new { type = "page", anonymousId = id, messageId = id + "-small", name = "Home" },
            },
        });

        var response = await PostAsync(Server, "/v1/batch", batch);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1, response.Json.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(response.Json.GetProperty("rejected").EnumerateArray());
        Assert.Equal(0, rejected.GetProperty("index").GetInt32());
        Assert.Equal("batch[0]", Assert.Single(rejected.GetProperty("problems").EnumerateArray()).GetProperty("field").GetString());
        var contactId = await ContactQueries.WaitForContactAsync(Server, "anonymousId", id);
        Assert.Equal([id + "-small"], ContactQueries.MessageIds(await ContactQueries.WaitForEventAsync(Server, contactId, id + "-small")));
    }

    [Fact]
    public async Task RejectedRequests_StoreNothing()
    {
        // Each refused request names its own anonymousId; none of them may ever become a contact.
        var refused = new (string Id, Func<string, Task<ApiResponse>> Send, HttpStatusCode Status)[]
        {
            (NewId("no-key"), id => PostAsync(Server, "/v1/track", Track(id), basicUser: null), HttpStatusCode.Unauthorized),
            (NewId("bad-key"), id => PostAsync(Server, "/v1/track", Track(id), basicUser: "wk_not_a_key"), HttpStatusCode.Unauthorized),
            (NewId("bad-key-batch"), id => PostAsync(Server, "/v1/batch", $$"""{"batch":[{{Track(id)}}]}""", basicUser: "wk_not_a_key"), HttpStatusCode.Unauthorized),
            (NewId("bad-json"), id => PostAsync(Server, "/v1/track", Track(id)[..^1]), HttpStatusCode.BadRequest),
            (NewId("bad-type"), id => PostAsync(Server, "/v1/track", $$"""{"anonymousId":"{{id}}","event":42}"""), HttpStatusCode.BadRequest),
            (NewId("bad-sent-at"), id => PostAsync(Server, "/v1/batch", $$"""{"sentAt":"soon","batch":[{{Track(id)}}]}"""), HttpStatusCode.BadRequest),
            (NewId("in-bad-batch"), id => PostAsync(Server, "/v1/batch", $$"""{"batch":[{"type":"track","anonymousId":"{{id}}","event":[]}]}"""), HttpStatusCode.BadRequest),
            (NewId("too-big"), id => PostAsync(Server, "/v1/track", JsonSerializer.Serialize(new { anonymousId = id, @event = "E", properties = new { d = new string('x', 40_000) } })),
                HttpStatusCode.RequestEntityTooLarge),
        };

        foreach (var (id, send, status) in refused)
        {
            var response = await send(id);
            Assert.True(response.Status == status, $"{id}: expected {(int)status}, got {(int)response.Status}: {response.Body}");
        }

        // A valid event sent after them: once the engine shows it, it has applied everything stored before it.
        var barrier = NewId("barrier");
        (await PostAsync(Server, "/v1/track", Track(barrier))).AssertJson(HttpStatusCode.OK, Accepted1);
        await ContactQueries.WaitForContactAsync(Server, "anonymousId", barrier);
        foreach (var (id, _, _) in refused)
        {
            (await ContactQueries.FindAsync(Server, "anonymousId", id)).AssertJson(HttpStatusCode.NotFound,
                JsonSerializer.Serialize(new { error = $"no contact with anonymousId '{id}'", problems = (object?)null }));
        }
    }

    /// <summary>A valid track message; its "type" lets it stand in a batch too (a single call ignores it).</summary>
    private static string Track(string anonymousId) =>
        JsonSerializer.Serialize(new { type = "track", anonymousId, @event = "Product Viewed" });
}
