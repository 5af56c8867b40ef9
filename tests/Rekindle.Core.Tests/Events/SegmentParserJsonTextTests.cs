using System.Text;
using Rekindle.Core.Events;

namespace Rekindle.Core.Tests.Events;

/// <summary>
/// JSON the reader lets through but a stored event must not hold (invalid UTF-8, unpaired surrogates, NUL,
/// numbers that are not finite, keys given twice), and the wording of malformed-JSON errors.
/// </summary>
public sealed class SegmentParserJsonTextTests
{
    private static readonly byte[] InvalidUtf8 = [0xC3, 0x28];

    private readonly SegmentRequests requests = new();

    [Fact]
    public void ParseSingle_InvalidUtf8InAProperty_RejectedNamingTheProperty()
    {
        var body = Bytes("""{"userId":"u1","event":"E","properties":{"name":"Lamp """, InvalidUtf8, "\"}}");

        var result = requests.Parser.ParseSingle(MessageType.Track, body, SegmentRequests.ReceivedAt, () => "id");

        Assert.Null(result.Error);
        Assert.Empty(result.Accepted);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal([new FieldError("properties.name", "is not valid UTF-8 (byte 0xC3 at byte offset 54 of the body)")],
            rejected.Errors);
        Assert.Equal(0xC3, body[54]);
    }

    [Fact]
    public void ParseBatch_InvalidUtf8InOneMessage_OnlyThatMessageRejected()
    {
        var body = Bytes("""
            {"batch":[{"type":"track","userId":"u1","event":"A"},{"type":"page","userId":"u2","name":"Home"},
            {"type":"track","userId":"u3","event":"C","properties":{"tags":["ok","bad 
            """, InvalidUtf8, "\"]}}]}");

        var result = requests.Parser.ParseBatch(body, SegmentRequests.ReceivedAt, () => "id");

        Assert.Null(result.Error);
        Assert.Equal(["u1", "u2"], result.Accepted.Select(m => m.UserId));
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(2, rejected.Index);
        Assert.Equal("batch[2].properties.tags[1]", Assert.Single(rejected.Errors).Field);
    }

    [Fact]
    public void ParseBatch_InvalidUtf8InAKey_RejectedNamingTheObject()
    {
        var body = Bytes("{\"batch\":[{\"type\":\"identify\",\"userId\":\"u1\",\"traits\":{\"", InvalidUtf8, "\":1}}]}");

        var result = requests.Parser.ParseBatch(body, SegmentRequests.ReceivedAt, () => "id");

        var error = Assert.Single(Assert.Single(result.Rejected).Errors);
        Assert.Equal(new FieldError("batch[0].traits", "has a key that is not valid UTF-8 (byte 0xC3 at byte offset 54 of the body)"), error);
    }

    [Fact]
    public void ParseBatch_InvalidUtf8InTheBatchContext_RefusesTheWholeBatch()
    {
        var body = Bytes("{\"context\":{\"library\":{\"name\":\"", InvalidUtf8, """ "}},"batch":[{"type":"identify","userId":"u1"}]}""");

        var result = requests.Parser.ParseBatch(body, SegmentRequests.ReceivedAt, () => "id");

        Assert.Equal(RequestErrorKind.InvalidBatch, result.Error?.Kind);
        Assert.Equal("context.library.name", result.Error?.Field);
        Assert.Empty(result.Accepted);
    }

    [Theory]
    [InlineData("""{"name":"\ud800 broken"}""", "properties.name", """is not valid Unicode: '\ud800' is half of a surrogate pair""")]
    [InlineData("""{"name":"x\uDC00"}""", "properties.name", """is not valid Unicode: '\uDC00' is half of a surrogate pair""")]
    [InlineData("""{"name":"\ud83d\ud83d"}""", "properties.name", """is not valid Unicode: '\ud83d' is half of a surrogate pair""")]
    [InlineData("""{"a":{"b":"nul \u0000 here"}}""", "properties.a.b", """contains \u0000 (a NUL character), which cannot be stored""")]
    [InlineData("""{"revenue":1e400}""", "properties.revenue", "is out of range: '1e400' is not a finite number")]
    [InlineData("""{"total":-2E+999}""", "properties.total", "is out of range: '-2E+999' is not a finite number")]
    [InlineData("""{"products":[{"price":1},{"price":1e309}]}""", "properties.products[1].price", "is out of range: '1e309' is not a finite number")]
    [InlineData("""{"matrix":[[1,2],[3,[4,9e999]]]}""", "properties.matrix[1][1][1]", "is out of range: '9e999' is not a finite number")]
    [InlineData("""{"a":1,"b":{"c":2},"a":3}""", "properties.a", "is given twice in the same object; a key may appear only once")]
    [InlineData("""{"list":[{"x":1},{"x":1,"y":2,"x":3}]}""", "properties.list[1].x", "is given twice in the same object; a key may appear only once")]
    [InlineData("""{"a":1,"\u0061":2}""", "properties.a", "is given twice in the same object; a key may appear only once")]
    [InlineData("""{"odd.key":{"n":1e999}}""", """properties["odd.key"].n""", "is out of range: '1e999' is not a finite number")]
    public void ParseSingle_ValueThatCannotBeStored_RejectedNamingTheField(string properties, string field, string problem)
    {
        var result = requests.Single(MessageType.Track, $$"""{"userId":"u1","event":"E","properties":{{properties}}}""");

        Assert.Null(result.Error);
        Assert.Empty(result.Accepted);
        Assert.Equal([new FieldError(field, problem)], Assert.Single(result.Rejected).Errors);
    }

    [Theory]
    [InlineData("""{"type":"identify","userId":"u1","traits":{"age":1e400}}""", "batch[0].traits.age")]
    [InlineData("""{"type":"track","userId":"u1","event":"E","context":{"screen":{"density":1e400}}}""", "batch[0].context.screen.density")]
    [InlineData("""{"type":"track","userId":"u1","event":"E","custom":[1e400]}""", "batch[0].custom[0]")]
    [InlineData("""{"type":"track","userId":"u1","event":"E","event":"F"}""", "batch[0].event")]
    public void ParseBatch_ValueThatCannotBeStoredAnywhereInTheMessage_RejectedNamingTheField(string message, string field)
    {
        var result = requests.Batch($$"""{"batch":[{{message}},{"type":"identify","userId":"u2"}]}""");

        Assert.Equal(["u2"], result.Accepted.Select(m => m.UserId));
        Assert.Equal(field, Assert.Single(Assert.Single(result.Rejected).Errors).Field);
    }

    [Fact]
    public void ParseSingle_DuplicateKeyInALargeObject_Rejected()
    {
        var keys = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"k{i}\":{i}"));

        var result = requests.Single(MessageType.Identify, $$$"""{"userId":"u1","traits":{{{{keys}}},"k17":0}}""");

        Assert.Equal([new FieldError("traits.k17", "is given twice in the same object; a key may appear only once")],
            Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseSingle_SameKeysInDifferentObjects_Accepted()
    {
        var keys = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"k{i}\":{i}"));
        var body = $$$"""
            {"userId":"u1","event":"E","properties":{"a":{"x":1,"id":2},"b":{"x":1,"id":2},"list":[{"x":1},{"x":1}],
             "big":{{{{keys}}}},"bigger":{{{{keys}}}},"x":0,"id":3}}
            """;

        var result = requests.Single(MessageType.Track, body);

        Assert.Empty(result.Rejected);
        Assert.Single(result.Accepted);
    }

    [Fact]
    public void ParseSingle_TextThatCanBeStored_KeptByteForByte()
    {
        // A surrogate pair escaped (😀), raw multi-byte UTF-8, a Shopify id above 2^64 and a tiny number are all fine.
        const string Properties = """{"mood":"\ud83d\ude00","name":"Crème brûlée 😀","id":123456789012345678901234567890,"tiny":1e-400}""";

        var result = requests.Single(MessageType.Track, $$"""{"userId":"u1","event":"E","properties":{{Properties}}}""");

        Assert.Equal(Properties, Assert.Single(result.Accepted).Properties);
    }

    [Fact]
    public void ParseBatch_DuplicateKeyInTheEnvelope_RefusesTheWholeBatch()
    {
        var result = requests.Batch("""{"batch":[{"type":"identify","userId":"u1"}],"batch":[]}""");

        Assert.Equal(new RequestError(RequestErrorKind.InvalidBatch, "batch", "is given twice in the same object; a key may appear only once"),
            result.Error);
        Assert.Empty(result.Accepted);
    }

    [Fact]
    public void ParseSingle_InvalidUtf8WithWriteKeyInTheBody_WriteKeyStillRead()
    {
        var body = Bytes("{\"writeKey\":\"wk\",\"userId\":\"u1\",\"event\":\"", InvalidUtf8, "\"}");

        var result = requests.Parser.ParseSingle(MessageType.Track, body, SegmentRequests.ReceivedAt, () => "id");

        Assert.Equal("wk", result.WriteKey);
        Assert.Equal("event", Assert.Single(Assert.Single(result.Rejected).Errors).Field);
    }

    [Theory]
    [InlineData("{\"userId\":\"u1\", x}", "unexpected character 'x' at line 1, column 17")]
    [InlineData("{\"userId\":\"u1\",\n \"event\":\"E\",\n}", "unexpected character '}' at line 3, column 1")]
    [InlineData("{\"userId\":\"u1\",\"event\":\"E\"", "it ends too early, at line 1, column 27")]
    [InlineData("{\"userId\":\"u1\",\"event\":\"E\"} trailing", "unexpected character 't' at line 1, column 29")]
    [InlineData("{\"userId\":\"Zoë\", 7}", "unexpected character '7' at line 1, column 18")]
    [InlineData("{\"userId\":\"a\tb\"}", "control character 0x09 in a string (it must be escaped) at line 1, column 13")]
    [InlineData("{\"userId\":\"a\\qb\"}", "invalid escape sequence '\\q' in a string at line 1, column 14")]
    [InlineData("{\"userId\":tru}", "unexpected character '}' at line 1, column 14")]
    public void ParseSingle_MalformedJson_OurOwnWordsWithLineAndColumn(string body, string expected)
    {
        var result = requests.Single(MessageType.Track, body);

        Assert.Equal(new RequestError(RequestErrorKind.InvalidJson, "body", "is not valid JSON: " + expected), result.Error);
    }

    [Fact]
    public void ParseBatch_NestedDeeperThanTheLimit_SaysSo()
    {
        var deep = new string('[', 70) + new string(']', 70);

        var result = requests.Batch($$$"""{"batch":[{"type":"track","userId":"u1","event":"E","properties":{"d":{{{deep}}}}}]}""");

        Assert.Equal("is not valid JSON: objects and arrays nested deeper than 64 levels at line 1, column 131", result.Error?.Problem);
    }

    private static byte[] Bytes(string head, byte[] middle, string tail) =>
        [.. Encoding.UTF8.GetBytes(head), .. middle, .. Encoding.UTF8.GetBytes(tail)];
}
