using System.Text;
using Rekindle.Core.Events;

namespace Rekindle.Core.Tests.Events;

/// <summary>Request-level errors and size limits: whatever refuses a whole request.</summary>
public sealed class SegmentParserRequestTests
{
    private readonly SegmentRequests requests = new();

    [Fact]
    public void ParseSingle_MessageExactlyAtLimit_Accepted()
    {
        string body = SegmentRequests.TrackOfSize(32_768);

        var result = requests.Single(MessageType.Track, body);

        Assert.Equal(32_768, Encoding.UTF8.GetByteCount(body));
        Assert.Null(result.Error);
        Assert.Single(result.Accepted);
    }

    [Fact]
    public void ParseSingle_MessageOneByteOverLimit_RefusedAsTooLarge()
    {
        var result = requests.Single(MessageType.Track, SegmentRequests.TrackOfSize(32_769));

        Assert.Equal(new RequestError(RequestErrorKind.TooLarge, "body", "message is 32,769 bytes; the limit is 32,768"),
            result.Error);
        Assert.Empty(result.Accepted);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void ParseSingle_CustomLimits_AreApplied()
    {
        var small = new SegmentRequests { Parser = new SegmentParser(new IngestionLimits(MaxMessageBytes: 100)) };

        var result = small.Single(MessageType.Track, SegmentRequests.TrackOfSize(101));

        Assert.Equal("message is 101 bytes; the limit is 100", result.Error?.Problem);
    }

    [Fact]
    public void ParseBatch_BodyExactlyAtLimit_AcceptsEveryMessage()
    {
        string body = SegmentRequests.BatchOfSize(512_000);

        var result = requests.Batch(body);

        Assert.Equal(512_000, Encoding.UTF8.GetByteCount(body));
        Assert.Null(result.Error);
        Assert.Empty(result.Rejected);
        Assert.Equal(18, result.Accepted.Count);
    }

    [Fact]
    public void ParseBatch_BodyOneByteOverLimit_RefusedAsTooLarge()
    {
        var result = requests.Batch(SegmentRequests.BatchOfSize(512_001));

        Assert.Equal(new RequestError(RequestErrorKind.TooLarge, "body", "batch is 512,001 bytes; the limit is 512,000"),
            result.Error);
        Assert.Empty(result.Accepted);
    }

    [Fact]
    public void ParseBatch_OneMessageOverItsLimit_RejectedAloneOthersAccepted()
    {
        string atLimit = SegmentRequests.TrackOfSize(32_768, "\"type\":\"track\",");
        string overLimit = SegmentRequests.TrackOfSize(32_769, "\"type\":\"track\",");

        var result = requests.Batch($$"""{"batch":[{{atLimit}},{{overLimit}},{"type":"page","userId":"u2"}]}""");

        Assert.Null(result.Error);
        Assert.Equal([MessageType.Track, MessageType.Page], result.Accepted.Select(m => m.Type));
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(1, rejected.Index);
        Assert.Equal([new FieldError("batch[1]", "message is 32,769 bytes; the limit is 32,768")], rejected.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n")]
    public void ParseSingle_EmptyBody_RefusedAsInvalidJson(string body)
    {
        var result = requests.Single(MessageType.Track, body);

        Assert.Equal(new RequestError(RequestErrorKind.InvalidJson, "body", "is empty; expected a JSON object"), result.Error);
    }

    [Theory]
    [InlineData("""{"userId":"u1","event":"E" """)]
    [InlineData("""{"userId":"u1" "event":"E"}""")]
    [InlineData("""{"userId":"u1","event":"E"} trailing""")]
    [InlineData("""{"userId":"u1","event":"E","properties":{"a":[1,}}""")]
    public void ParseSingle_MalformedJson_RefusedAsInvalidJson(string body)
    {
        var result = requests.Single(MessageType.Track, body);

        Assert.Equal(RequestErrorKind.InvalidJson, result.Error?.Kind);
        Assert.Equal("body", result.Error?.Field);
        Assert.StartsWith("is not valid JSON: ", result.Error?.Problem, StringComparison.Ordinal);
        Assert.Empty(result.Accepted);
        Assert.Empty(result.Rejected);
    }

    [Theory]
    [InlineData("[{\"userId\":\"u1\"}]", "array")]
    [InlineData("\"hello\"", "string")]
    [InlineData("null", "null")]
    public void ParseSingle_BodyNotAnObject_Refused(string body, string got)
    {
        var result = requests.Single(MessageType.Identify, body);

        Assert.Equal(new RequestError(RequestErrorKind.NotAnObject, "body", $"must be a JSON object (got {got})"),
            result.Error);
    }

    [Fact]
    public void ParseBatch_BodyNotAnObject_Refused()
    {
        var result = requests.Batch("""[{"type":"track","userId":"u1","event":"E"}]""");

        Assert.Equal(new RequestError(RequestErrorKind.NotAnObject, "body", "must be a JSON object (got array)"),
            result.Error);
    }

    [Fact]
    public void ParseBatch_MalformedJsonInsideOneMessage_RefusesTheWholeBatch()
    {
        var result = requests.Batch("""
            {"batch":[{"type":"track","userId":"u1","event":"E"},{"type":"track","userId":"u2","event":"E",}]}
            """);

        Assert.Equal(RequestErrorKind.InvalidJson, result.Error?.Kind);
        Assert.Empty(result.Accepted);
        Assert.Empty(result.Rejected);
    }

    [Theory]
    [InlineData("""{"writeKey":"wk"}""", "batch", "is required: an array of messages")]
    [InlineData("""{"batch":{"type":"track"},"writeKey":"wk"}""", "batch", "must be an array (got object)")]
    [InlineData("""{"batch":null,"writeKey":"wk"}""", "batch", "must be an array (got null)")]
    [InlineData("""{"batch":[],"sentAt":"last tuesday","writeKey":"wk"}""", "sentAt",
        "is not an ISO-8601 date-time: 'last tuesday'")]
    [InlineData("""{"batch":[],"context":"web","writeKey":"wk"}""", "context", "must be an object (got string)")]
    public void ParseBatch_BadEnvelope_RefusesTheWholeBatch(string body, string field, string problem)
    {
        var result = requests.Batch(body);

        Assert.Equal(new RequestError(RequestErrorKind.InvalidBatch, field, problem), result.Error);
        Assert.Equal("wk", result.WriteKey);
        Assert.Empty(result.Accepted);
    }

    [Fact]
    public void ParseBatch_BadEnvelopeAfterGoodMessages_AcceptsNone()
    {
        var result = requests.Batch("""{"batch":[{"type":"identify","userId":"u1"}],"context":[]}""");

        Assert.Equal(new RequestError(RequestErrorKind.InvalidBatch, "context", "must be an object (got array)"),
            result.Error);
        Assert.Empty(result.Accepted);
        Assert.Equal(0, requests.GeneratedIds);
    }
}
