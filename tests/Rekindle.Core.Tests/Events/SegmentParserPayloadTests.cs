using Rekindle.Core.Events;

namespace Rekindle.Core.Tests.Events;

/// <summary>How properties, traits and context are kept, and where message ids come from.</summary>
public sealed class SegmentParserPayloadTests
{
    private readonly SegmentRequests requests = new();

    [Fact]
    public void ParseSingle_IntegerAbove2Pow53_KeptVerbatim()
    {
        // 2^53 + 1 does not survive a round trip through double; Shopify order and product ids exceed 2^53.
        var result = requests.Single(MessageType.Track, """
            {"userId":"u1","event":"Order Completed","properties":{"order_id":9007199254740993,"total":1.10,"tax":2E-3}}
            """);

        Assert.Equal("""{"order_id":9007199254740993,"total":1.10,"tax":2E-3}""",
            Assert.Single(result.Accepted).Properties);
    }

    [Fact]
    public void ParseSingle_IndentedPayload_StoredCompactWithStringsUntouched()
    {
        var result = requests.Single(MessageType.Identify, """
            {
              "userId": "u1",
              "traits": {
                "name" : "Peter  Gibbons",
                "quote": "say \"hi\"\t\\ ",
                "city": "Zürich \u00fc",
                "tags": [ "a b", { "x" : null } ]
              }
            }
            """);

        Assert.Equal("""{"name":"Peter  Gibbons","quote":"say \"hi\"\t\\ ","city":"Zürich \u00fc","tags":["a b",{"x":null}]}""",
            Assert.Single(result.Accepted).Traits);
    }

    [Fact]
    public void ParseSingle_EmptyPayloadWithWhitespace_StoredAsEmptyObject()
    {
        var result = requests.Single(MessageType.Page, """{"anonymousId":"a","properties":{ }}""");

        Assert.Equal("{}", Assert.Single(result.Accepted).Properties);
    }

    [Fact]
    public void ParseSingle_NoMessageId_UsesGeneratedId()
    {
        var result = requests.Single(MessageType.Track, """{"userId":"u1","event":"E","messageId":""}""");

        Assert.Equal("generated-1", Assert.Single(result.Accepted).MessageId);
        Assert.Equal(1, requests.GeneratedIds);
    }

    [Fact]
    public void ParseSingle_ClientMessageId_KeptAndGeneratorNotCalled()
    {
        var result = requests.Single(MessageType.Track, """{"userId":"u1","event":"E","messageId":"ajs-123"}""");

        Assert.Equal("ajs-123", Assert.Single(result.Accepted).MessageId);
        Assert.Equal(0, requests.GeneratedIds);
    }

    [Fact]
    public void ParseSingle_RejectedMessageWithoutMessageId_GeneratesNone()
    {
        var result = requests.Single(MessageType.Track, """{"userId":"u1"}""");

        Assert.Null(Assert.Single(result.Rejected).MessageId);
        Assert.Equal(0, requests.GeneratedIds);
    }

    [Fact]
    public void ParseSingle_EscapedFieldNames_AreRecognised()
    {
        var result = requests.Single(MessageType.Track, """{"\u0075serId":"u1","ev\u0065nt":"E"}""");

        var message = Assert.Single(result.Accepted);
        Assert.Equal(("u1", "E"), (message.UserId, message.Event));
    }
}
