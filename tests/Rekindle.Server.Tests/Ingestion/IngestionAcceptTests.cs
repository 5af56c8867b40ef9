using System.Globalization;
using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using static Rekindle.Server.Tests.Infrastructure.SegmentCalls;

namespace Rekindle.Server.Tests.Ingestion;

/// <summary>What the Segment-compatible API accepts, and what the engine then shows on the contact.</summary>
public sealed class IngestionAcceptTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    /// <summary>Path, body ("{id}" is replaced by a fresh id), the identity to find the contact by, the stored type.</summary>
    public static TheoryData<string, string, string, string> ValidMessages => new()
    {
        { "/v1/track", """{"anonymousId":"{id}","messageId":"{id}-m","event":"Product Viewed","properties":{"product_id":"sku-1"}}""", "anonymousId", "track" },
        { "/v1/identify", """{"anonymousId":"{id}","messageId":"{id}-m","traits":{"first_name":"Ada"}}""", "anonymousId", "identify" },
        { "/v1/page", """{"anonymousId":"{id}","messageId":"{id}-m","name":"Home","properties":{"path":"/"}}""", "anonymousId", "page" },
        { "/v1/screen", """{"anonymousId":"{id}","messageId":"{id}-m","name":"Basket"}""", "anonymousId", "screen" },
        { "/v1/alias", """{"userId":"{id}","previousId":"{id}-before","messageId":"{id}-m"}""", "userId", "alias" },
        { "/v1/group", """{"anonymousId":"{id}","messageId":"{id}-m","groupId":"acme","traits":{"name":"Acme"}}""", "anonymousId", "group" },
        { "/v1/batch", """{"batch":[{"type":"track","anonymousId":"{id}","messageId":"{id}-m","event":"Product Added","properties":{"product_id":"sku-1"}}]}""", "anonymousId", "track" },
    };

    [Theory]
    [MemberData(nameof(ValidMessages))]
    public async Task Post_ValidMessage_AcceptedAndInTheContactsTimeline(string path, string body, string kind, string type)
    {
        var id = NewId("accept");

        var response = await PostAsync(Server, path, body.Replace("{id}", id, StringComparison.Ordinal));

        response.AssertJson(HttpStatusCode.OK, Accepted1);
        var contactId = await ContactQueries.WaitForContactAsync(Server, kind, id);
        var stored = Assert.Single((await ContactQueries.WaitForEventAsync(Server, contactId, id + "-m")).EnumerateArray());
        Assert.Equal(type, stored.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Post_BasicAuthWithEmptyPassword_Accepted()
    {
        // Segment libraries send "writeKey:" — the key as user name and no password.
        var id = NewId("basic");

        var response = await PostAsync(Server, "/v1/track", Track(id), basicUser: RekindleServerProcess.WriteKey);

        response.AssertJson(HttpStatusCode.OK, Accepted1);
        await ContactQueries.WaitForContactAsync(Server, "anonymousId", id);
    }

    [Theory]
    [InlineData("/v1/track", """{"writeKey":"{key}","anonymousId":"{id}","event":"Product Viewed"}""")]
    [InlineData("/v1/batch", """{"writeKey":"{key}","batch":[{"type":"page","anonymousId":"{id}","name":"Home"}]}""")]
    public async Task Post_WriteKeyInBodyWithoutAuthorization_Accepted(string path, string body)
    {
        var id = NewId("body-key");

        var response = await PostAsync(Server, path,
            body.Replace("{key}", RekindleServerProcess.WriteKey, StringComparison.Ordinal).Replace("{id}", id, StringComparison.Ordinal),
            basicUser: null);

        response.AssertJson(HttpStatusCode.OK, Accepted1);
        await ContactQueries.WaitForContactAsync(Server, "anonymousId", id);
    }

    [Fact]
    public async Task Batch_OneBadMessageAmongGoodOnes_GoodOnesStoredBadOneListedWithIndexAndField()
    {
        var id = NewId("mixed");
        var batch = $$"""
            {"batch":[
              {"type":"track","anonymousId":"{{id}}","messageId":"{{id}}-0","event":"Product Viewed"},
              {"type":"track","anonymousId":"{{id}}","messageId":"{{id}}-1","event":42},
              {"type":"page","anonymousId":"{{id}}","messageId":"{{id}}-2","name":"Home"}
            ]}
            """;

        var response = await PostAsync(Server, "/v1/batch", batch);

        response.AssertJson(HttpStatusCode.OK, $$"""
            {"success":true,"accepted":2,"error":null,"rejected":[
              {"index":1,"messageId":"{{id}}-1","problems":[{"field":"batch[1].event","problem":"must be a string (got number)"}]}]}
            """);
        var contactId = await ContactQueries.WaitForContactAsync(Server, "anonymousId", id);
        var timeline = await SendBarrierAsync(id, contactId);
        Assert.Equal([id + "-barrier", id + "-2", id + "-0"], ContactQueries.MessageIds(timeline));
    }

    [Fact]
    public async Task Post_SameMessageIdTwice_StoredOnce()
    {
        var id = NewId("dedup");
        var message = TrackFields(id, id + "-once", DateTimeOffset.UtcNow.AddMinutes(-5));

        var first = await PostAsync(Server, "/v1/track", JsonSerializer.Serialize(message));
        // The retry comes as part of a batch, as a client that queued it again would send it.
        var second = await PostAsync(Server, "/v1/batch", JsonSerializer.Serialize(new { batch = new[] { new Dictionary<string, object>(message) { ["type"] = "track" } } }));

        // Segment answers a retried request like the first one: the client must not retry again.
        first.AssertJson(HttpStatusCode.OK, Accepted1);
        second.AssertJson(HttpStatusCode.OK, Accepted1);
        var contactId = await ContactQueries.WaitForContactAsync(Server, "anonymousId", id);
        var timeline = await SendBarrierAsync(id, contactId);
        Assert.Equal([id + "-barrier", id + "-once"], ContactQueries.MessageIds(timeline));
    }

    [Fact]
    public async Task Track_ClientClockSkewed_TimestampCorrectedToServerClock()
    {
        // The device's clock is 3 hours fast; the event happened 5 minutes before the device sent it.
        var skew = TimeSpan.FromHours(3);
        var age = TimeSpan.FromMinutes(5);
        var id = NewId("skew");
        var deviceNow = DateTimeOffset.UtcNow + skew;
        var before = await ServerNowAsync();

        var response = await PostAsync(Server, "/v1/track", JsonSerializer.Serialize(new
        {
            anonymousId = id, messageId = id + "-m", @event = "Product Viewed", timestamp = deviceNow - age, sentAt = deviceNow,
        }));

        var after = await ServerNowAsync();
        response.AssertJson(HttpStatusCode.OK, Accepted1);
        var contactId = await ContactQueries.WaitForContactAsync(Server, "anonymousId", id);
        var stored = Assert.Single((await ContactQueries.WaitForEventAsync(Server, contactId, id + "-m")).EnumerateArray());
        var timestamp = stored.GetProperty("timestamp").GetDateTimeOffset();
        var receivedAt = stored.GetProperty("receivedAt").GetDateTimeOffset();
        // timestamp = receivedAt - (sentAt - timestamp), and receivedAt is the server's clock at receipt.
        Assert.Equal(receivedAt - age, timestamp);
        Assert.InRange(receivedAt, Millisecond(before), after);
        Assert.InRange(timestamp, Millisecond(before) - age, after - age);
    }

    [Fact]
    public async Task Track_TimestampWithoutSentAt_KeptAsSent()
    {
        // Without sentAt there is nothing to measure the skew with: imports of history keep their times.
        var id = NewId("history");
        var at = new DateTimeOffset(2023, 11, 24, 9, 30, 15, TimeSpan.Zero);

        var response = await PostAsync(Server, "/v1/track", Track(id, messageId: id + "-m", at: at));

        response.AssertJson(HttpStatusCode.OK, Accepted1);
        var contactId = await ContactQueries.WaitForContactAsync(Server, "anonymousId", id);
        var stored = Assert.Single((await ContactQueries.WaitForEventAsync(Server, contactId, id + "-m")).EnumerateArray());
        Assert.Equal(at, stored.GetProperty("timestamp").GetDateTimeOffset());
    }

    private static string Track(string anonymousId, string? messageId = null, DateTimeOffset? at = null) =>
        JsonSerializer.Serialize(TrackFields(anonymousId, messageId ?? Guid.NewGuid().ToString(), at ?? DateTimeOffset.UtcNow));

    private static Dictionary<string, object> TrackFields(string anonymousId, string messageId, DateTimeOffset at) => new()
    {
        ["anonymousId"] = anonymousId,
        ["messageId"] = messageId,
        ["event"] = "Product Viewed",
        ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Sends one more event for the contact, newer than anything the test sent, and returns the timeline once
    /// it is there: the engine applies events in storage order, so everything stored before it is visible too.
    /// </summary>
    private async Task<JsonElement> SendBarrierAsync(string anonymousId, string contactId)
    {
        var barrier = await PostAsync(Server, "/v1/track", Track(anonymousId, messageId: anonymousId + "-barrier", at: DateTimeOffset.UtcNow.AddMinutes(1)));
        barrier.AssertJson(HttpStatusCode.OK, Accepted1);
        return await ContactQueries.WaitForEventAsync(Server, contactId, anonymousId + "-barrier");
    }

    private async Task<DateTimeOffset> ServerNowAsync() =>
        (await Server.AdminJsonAsync("/api/dev/clock")).GetProperty("now").GetDateTimeOffset();

    /// <summary>SQLite keeps times to the millisecond, so a stored time may be up to 1 ms before the exact one.</summary>
    private static DateTimeOffset Millisecond(DateTimeOffset t) => DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());
}
