using Rekindle.Core.Events;

namespace Rekindle.Core.Tests.Events;

/// <summary>The per-message half of the batch rule, batch-level context and sentAt.</summary>
public sealed class SegmentParserBatchTests
{
    private readonly SegmentRequests requests = new();

    [Fact]
    public void ParseBatch_OneBadMessageAmongGood_GoodAcceptedBadListedWithIndex()
    {
        var result = requests.Batch("""
            {"batch":[
              {"type":"identify","userId":"u1","traits":{"email":"a@example.com"}},
              {"type":"track","userId":"u1","event":"Product Viewed"},
              {"type":"track","userId":"u1","messageId":"m-3","properties":{"sku":"S1"}},
              {"type":"page","anonymousId":"a-1","name":"Home"}
            ],"writeKey":"wk"}
            """);

        Assert.Null(result.Error);
        Assert.Equal("wk", result.WriteKey);
        Assert.Equal(
            [(MessageType.Identify, "generated-1"), (MessageType.Track, "generated-2"), (MessageType.Page, "generated-3")],
            result.Accepted.Select(m => (m.Type, m.MessageId)));
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(new RejectedMessage(2, "m-3", rejected.Errors), rejected);
        Assert.Equal([new FieldError("batch[2].event", "is required for track")], rejected.Errors);
    }

    [Fact]
    public void ParseBatch_EveryMessageBad_AllListedNoneAccepted()
    {
        var result = requests.Batch("""
            {"batch":[
              {"type":"alias","userId":"u1"},
              "track",
              {"type":"group","userId":"u1","groupId":true},
              {"type":"identify","timestamp":"2024-13-01T00:00:00Z","userId":"u1"}
            ]}
            """);

        Assert.Empty(result.Accepted);
        Assert.Equal(
        [
            (0, new FieldError("batch[0].previousId", "is required for alias")),
            (1, new FieldError("batch[1]", "must be an object (got string)")),
            (2, new FieldError("batch[2].groupId", "must be a string or number (got boolean)")),
            (3, new FieldError("batch[3].timestamp", "is not an ISO-8601 date-time: '2024-13-01T00:00:00Z'")),
        ], result.Rejected.Select(r => (r.Index, Assert.Single(r.Errors))));
    }

    [Theory]
    [InlineData("""{"userId":"u1"}""", "is required; expected one of track, identify, page, screen, alias, group")]
    [InlineData("""{"type":"","userId":"u1"}""", "is required; expected one of track, identify, page, screen, alias, group")]
    [InlineData("""{"type":"purchase","userId":"u1"}""",
        "is not a known message type: 'purchase'; expected one of track, identify, page, screen, alias, group")]
    [InlineData("""{"type":3,"userId":"u1"}""", "must be a string (got number)")]
    public void ParseBatch_MessageTypeMissingOrUnknown_Rejected(string item, string problem)
    {
        var result = requests.Batch($$"""{"batch":[{{item}}]}""");

        Assert.Equal([new FieldError("batch[0].type", problem)], Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseBatch_TypeInAnyLetterCase_Recognised()
    {
        var result = requests.Batch("""
            {"batch":[
              {"type":"TRACK","userId":"u1","event":"E"},{"type":"Identify","userId":"u1"},
              {"type":"pAgE","userId":"u1"},{"type":"screen","userId":"u1"},
              {"type":"Alias","userId":"u1","previousId":"a"},{"type":"GROUP","userId":"u1","groupId":"g"}
            ]}
            """);

        Assert.Equal(
            [MessageType.Track, MessageType.Identify, MessageType.Page, MessageType.Screen, MessageType.Alias, MessageType.Group],
            result.Accepted.Select(m => m.Type));
    }

    [Fact]
    public void ParseBatch_EmptyArray_AcceptedWithNoMessages()
    {
        var result = requests.Batch("""{"batch":[]}""");

        Assert.Null(result.Error);
        Assert.Empty(result.Accepted);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void ParseBatch_BatchContext_MergedUnderMessageContext()
    {
        var result = requests.Batch("""
            {"context":{"library":{"name":"analytics-node","version":"2.1.0"},"ip":"10.0.0.1"},
             "batch":[
               {"type":"track","userId":"u1","event":"E","context":{"ip":"5.6.7.8","locale":"de-DE"}},
               {"type":"track","userId":"u1","event":"E"},
               {"type":"track","userId":"u1","event":"E","context":{ "library" : {"name":"custom"} }},
               {"type":"track","userId":"u1","event":"E","context":{}}
             ]}
            """);

        Assert.Equal(
        [
            """{"ip":"5.6.7.8","locale":"de-DE","library":{"name":"analytics-node","version":"2.1.0"}}""",
            """{"library":{"name":"analytics-node","version":"2.1.0"},"ip":"10.0.0.1"}""",
            """{"library":{"name":"custom"},"ip":"10.0.0.1"}""",
            """{"library":{"name":"analytics-node","version":"2.1.0"},"ip":"10.0.0.1"}""",
        ], result.Accepted.Select(m => m.Context));
    }

    [Fact]
    public void ParseBatch_NoBatchContext_MessageContextKept()
    {
        var result = requests.Batch("""
            {"batch":[{"type":"track","userId":"u1","event":"E","context":{"ip":"5.6.7.8"}},{"type":"track","userId":"u1","event":"E"}]}
            """);

        Assert.Equal(["""{"ip":"5.6.7.8"}""", "{}"], result.Accepted.Select(m => m.Context));
    }

    [Fact]
    public void ParseBatch_BatchSentAt_AppliesUnlessMessageHasItsOwn()
    {
        var result = requests.Batch("""
            {"sentAt":"2024-03-10T11:00:00Z","batch":[
              {"type":"track","userId":"u1","event":"E","timestamp":"2024-03-10T10:59:00Z"},
              {"type":"track","userId":"u1","event":"E","timestamp":"2024-03-10T10:59:00Z","sentAt":"2024-03-10T11:30:00Z"},
              {"type":"track","userId":"u1","event":"E"}
            ]}
            """);

        var at = (int hour, int minute) => new DateTimeOffset(2024, 3, 10, hour, minute, 0, TimeSpan.Zero);
        Assert.Equal(
        [
            (at(11, 59), at(11, 0)),
            (at(11, 29), at(11, 30)),
            (SegmentRequests.ReceivedAt, at(11, 0)),
        ], result.Accepted.Select(m => (m.Timestamp, m.SentAt!.Value)));
    }

    [Fact]
    public void ParseBatch_NumericIds_StoredAsText()
    {
        var result = requests.Batch("""
            {"batch":[{"type":"identify","userId":4711,"anonymousId":12345678901234567890123}]}
            """);

        var message = Assert.Single(result.Accepted);
        Assert.Equal(("4711", "12345678901234567890123"), (message.UserId, message.AnonymousId));
    }

    [Fact]
    public void ParseBatch_RealisticStorefrontPayload_Accepted()
    {
        var result = requests.Batch("""
            {
              "batch": [
                {
                  "type": "page", "anonymousId": "3a0e1f5c-6f7e-4c1d-9d36-0f1b3c2e4a77", "name": "Running Shoes",
                  "properties": { "path": "/c/running-shoes", "url": "https://shop.example/c/running-shoes", "title": "Running Shoes" },
                  "context": { "page": { "referrer": "https://www.google.com/" },
                               "userAgent": "Mozilla/5.0 (X11; Linux x86_64)", "locale": "en-GB" },
                  "messageId": "ajs-next-1710064790000-3a0e", "timestamp": "2024-03-10T11:59:50.120Z"
                },
                {
                  "type": "track", "event": "Order Completed", "userId": 5471283, "anonymousId": "3a0e1f5c-6f7e-4c1d-9d36-0f1b3c2e4a77",
                  "properties": {
                    "order_id": 5823415812345678901, "total": 129.90, "currency": "EUR",
                    "products": [ { "product_id": "507f1f77bcf86cd799439011", "sku": "RS-42", "price": 129.90, "quantity": 1 } ]
                  },
                  "messageId": "ajs-next-1710064795000-9b1c", "timestamp": "2024-03-10T11:59:55.000Z"
                }
              ],
              "sentAt": "2024-03-10T11:59:58.000Z",
              "context": { "library": { "name": "analytics.js", "version": "next-1.64.0" } },
              "writeKey": "shop-write-key"
            }
            """);

        Assert.Null(result.Error);
        Assert.Empty(result.Rejected);
        Assert.Equal("shop-write-key", result.WriteKey);
        Assert.Equal(2, result.Accepted.Count);
        var (page, order) = (result.Accepted[0], result.Accepted[1]);
        Assert.Equal(("Running Shoes", "ajs-next-1710064790000-3a0e"), (page.Name, page.MessageId));
        Assert.Equal(new DateTimeOffset(2024, 3, 10, 11, 59, 52, 120, TimeSpan.Zero), page.Timestamp);
        Assert.Equal(
            """{"page":{"referrer":"https://www.google.com/"},"userAgent":"Mozilla/5.0 (X11; Linux x86_64)","locale":"en-GB","library":{"name":"analytics.js","version":"next-1.64.0"}}""",
            page.Context);
        Assert.Equal(("Order Completed", "5471283"), (order.Event, order.UserId));
        Assert.Equal(new DateTimeOffset(2024, 3, 10, 11, 59, 57, TimeSpan.Zero), order.Timestamp);
        Assert.Equal(
            """{"order_id":5823415812345678901,"total":129.90,"currency":"EUR","products":[{"product_id":"507f1f77bcf86cd799439011","sku":"RS-42","price":129.90,"quantity":1}]}""",
            order.Properties);
    }
}
