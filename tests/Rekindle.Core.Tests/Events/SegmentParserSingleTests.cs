using Rekindle.Core.Events;

namespace Rekindle.Core.Tests.Events;

public sealed class SegmentParserSingleTests
{
    private readonly SegmentRequests requests = new();

    [Fact]
    public void ParseSingle_CompleteTrackCall_MapsEveryField()
    {
        var result = requests.Single(MessageType.Track, """
            {"userId":"019mr8mf4r","anonymousId":"a-1","event":"Item Purchased","messageId":"m-1",
             "properties":{"name":"Leap to Conclusions Mat","revenue":14.99},
             "context":{"ip":"24.5.68.47"},"timestamp":"2012-12-02T00:30:12.984Z","writeKey":"wk"}
            """);

        Assert.Null(result.Error);
        Assert.Empty(result.Rejected);
        Assert.Equal("wk", result.WriteKey);
        var message = Assert.Single(result.Accepted);
        Assert.Equal(new EventMessage
        {
            MessageId = "m-1",
            Type = MessageType.Track,
            Event = "Item Purchased",
            UserId = "019mr8mf4r",
            AnonymousId = "a-1",
            Timestamp = new DateTimeOffset(2012, 12, 2, 0, 30, 12, 984, TimeSpan.Zero),
            ReceivedAt = SegmentRequests.ReceivedAt,
            OriginalTimestamp = new DateTimeOffset(2012, 12, 2, 0, 30, 12, 984, TimeSpan.Zero),
            SentAt = null,
            Properties = """{"name":"Leap to Conclusions Mat","revenue":14.99}""",
            Context = """{"ip":"24.5.68.47"}""",
        }, message);
    }

    [Theory]
    [InlineData("12345", "12345")]
    [InlineData("98765432109876543210", "98765432109876543210")]
    [InlineData("-7", "-7")]
    [InlineData("\"12345\"", "12345")]
    public void ParseSingle_NumericOrStringUserId_StoredAsItsText(string json, string expected)
    {
        var result = requests.Single(MessageType.Identify, $$"""{"userId":{{json}}}""");

        Assert.Equal(expected, Assert.Single(result.Accepted).UserId);
    }

    [Fact]
    public void ParseSingle_NoUserIdNorAnonymousId_RejectedAsUserIdRequired()
    {
        var result = requests.Single(MessageType.Page, """{"name":"Home","messageId":"m-9"}""");

        Assert.Null(result.Error);
        Assert.Empty(result.Accepted);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(0, rejected.Index);
        Assert.Equal("m-9", rejected.MessageId);
        Assert.Equal([new FieldError("userId", "is required when anonymousId is absent")], rejected.Errors);
    }

    [Theory]
    [InlineData("""{"event":"E","userId":"","anonymousId":""}""")]
    [InlineData("""{"event":"E","userId":null,"anonymousId":null}""")]
    public void ParseSingle_EmptyOrNullIds_CountAsMissing(string json)
    {
        var result = requests.Single(MessageType.Track, json);

        Assert.Equal(
            [new FieldError("userId", "is required when anonymousId is absent")],
            Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseSingle_NullUserIdWithAnonymousId_Accepted()
    {
        // analytics.js sends "userId": null for visitors it does not know yet.
        var result = requests.Single(MessageType.Page, """{"userId":null,"anonymousId":"anon-1"}""");

        var message = Assert.Single(result.Accepted);
        Assert.Null(message.UserId);
        Assert.Equal("anon-1", message.AnonymousId);
    }

    [Theory]
    [InlineData("userId", "true", "must be a string or number (got boolean)")]
    [InlineData("userId", "{}", "must be a string or number (got object)")]
    [InlineData("anonymousId", "[1]", "must be a string or number (got array)")]
    public void ParseSingle_IdOfWrongType_OnlyTheTypeErrorIsReported(string field, string value, string problem)
    {
        var result = requests.Single(MessageType.Identify, $$"""{"{{field}}":{{value}}}""");

        Assert.Equal([new FieldError(field, problem)], Assert.Single(result.Rejected).Errors);
    }

    [Theory]
    [InlineData("""{"userId":"u1"}""")]
    [InlineData("""{"userId":"u1","event":""}""")]
    [InlineData("""{"userId":"u1","event":null}""")]
    public void ParseSingle_TrackWithoutEvent_RejectedEventRequired(string json)
    {
        var result = requests.Single(MessageType.Track, json);

        Assert.Equal([new FieldError("event", "is required for track")], Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseSingle_TrackWithNumericEvent_RejectedWrongType()
    {
        var result = requests.Single(MessageType.Track, """{"userId":"u1","event":42}""");

        Assert.Equal([new FieldError("event", "must be a string (got number)")], Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseSingle_AliasWithAnonymousIdOnly_RejectedUserIdRequired()
    {
        var result = requests.Single(MessageType.Alias, """{"anonymousId":"a-1","previousId":"p-1"}""");

        Assert.Equal([new FieldError("userId", "is required for alias")], Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseSingle_AliasWithoutPreviousId_RejectedPreviousIdRequired()
    {
        var result = requests.Single(MessageType.Alias, """{"userId":"u1","previousId":""}""");

        Assert.Equal([new FieldError("previousId", "is required for alias")], Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseSingle_AliasWithNumericPreviousId_Accepted()
    {
        var result = requests.Single(MessageType.Alias, """{"userId":"u1","previousId":39239}""");

        var message = Assert.Single(result.Accepted);
        Assert.Equal(("u1", "39239"), (message.UserId, message.PreviousId));
    }

    [Fact]
    public void ParseSingle_GroupWithoutGroupId_RejectedGroupIdRequired()
    {
        var result = requests.Single(MessageType.Group, """{"userId":"u1","traits":{"name":"Initech"}}""");

        Assert.Equal([new FieldError("groupId", "is required for group")], Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseSingle_GroupCall_KeepsGroupIdAndTraits()
    {
        var result = requests.Single(MessageType.Group,
            """{"userId":"u1","groupId":8123,"traits":{"name":"Initech","employees":420}}""");

        var message = Assert.Single(result.Accepted);
        Assert.Equal("8123", message.GroupId);
        Assert.Equal("""{"name":"Initech","employees":420}""", message.Traits);
    }

    [Theory]
    [InlineData(MessageType.Page)]
    [InlineData(MessageType.Screen)]
    public void ParseSingle_PageOrScreenName_IsOptional(MessageType type)
    {
        var named = requests.Single(type, """{"anonymousId":"a-1","name":"Checkout"}""");
        var unnamed = requests.Single(type, """{"anonymousId":"a-1"}""");

        Assert.Equal("Checkout", Assert.Single(named.Accepted).Name);
        Assert.Null(Assert.Single(unnamed.Accepted).Name);
    }

    [Fact]
    public void ParseSingle_PageNameNotAString_Rejected()
    {
        var result = requests.Single(MessageType.Page, """{"anonymousId":"a-1","name":["Home"]}""");

        Assert.Equal([new FieldError("name", "must be a string (got array)")], Assert.Single(result.Rejected).Errors);
    }

    [Theory]
    [InlineData("properties", "[]", "must be an object (got array)")]
    [InlineData("properties", "\"{}\"", "must be an object (got string)")]
    [InlineData("traits", "7", "must be an object (got number)")]
    [InlineData("context", "false", "must be an object (got boolean)")]
    public void ParseSingle_PayloadNotAnObject_Rejected(string field, string value, string problem)
    {
        var result = requests.Single(MessageType.Track, $$"""{"userId":"u1","event":"E","{{field}}":{{value}}}""");

        Assert.Equal([new FieldError(field, problem)], Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseSingle_NullOrAbsentPayloads_StoredAsEmptyObjects()
    {
        var result = requests.Single(MessageType.Track,
            """{"userId":"u1","event":"E","properties":null,"context":null}""");

        var message = Assert.Single(result.Accepted);
        Assert.Equal(("{}", "{}", "{}"), (message.Properties, message.Traits, message.Context));
    }

    [Fact]
    public void ParseSingle_IdentifyWithTraitsInContext_KeepsThemInContextOnly()
    {
        var result = requests.Single(MessageType.Identify,
            """{"userId":"u1","context":{"traits":{"email":"a@example.com"}}}""");

        var message = Assert.Single(result.Accepted);
        Assert.Equal("{}", message.Traits);
        Assert.Equal("""{"traits":{"email":"a@example.com"}}""", message.Context);
    }

    [Fact]
    public void ParseSingle_FieldsOfOtherCallTypes_AreDropped()
    {
        var result = requests.Single(MessageType.Track, """
            {"userId":"u1","event":"E","name":"N","previousId":"p","groupId":"g","traits":{"a":1},"properties":{"b":2}}
            """);

        var message = Assert.Single(result.Accepted);
        Assert.Equal((null, null, null, "{}", """{"b":2}"""),
            (message.Name, message.PreviousId, message.GroupId, message.Traits, message.Properties));
    }

    [Fact]
    public void ParseSingle_TypeInBody_RouteTypeWins()
    {
        var result = requests.Single(MessageType.Identify, """{"type":"track","userId":"u1"}""");

        Assert.Equal(MessageType.Identify, Assert.Single(result.Accepted).Type);
    }

    [Fact]
    public void ParseSingle_MessageIdNotAString_Rejected()
    {
        var result = requests.Single(MessageType.Identify, """{"userId":"u1","messageId":17}""");

        var rejected = Assert.Single(result.Rejected);
        Assert.Null(rejected.MessageId);
        Assert.Equal([new FieldError("messageId", "must be a string (got number)")], rejected.Errors);
    }

    [Fact]
    public void ParseSingle_SeveralProblems_AllListedInBodyOrder()
    {
        var result = requests.Single(MessageType.Track,
            """{"timestamp":"yesterday","userId":false,"properties":[],"sentAt":1710064800}""");

        Assert.Equal(
        [
            new FieldError("timestamp", "is not an ISO-8601 date-time: 'yesterday'"),
            new FieldError("userId", "must be a string or number (got boolean)"),
            new FieldError("properties", "must be an object (got array)"),
            new FieldError("sentAt", "must be an ISO-8601 date-time string (got number)"),
            new FieldError("event", "is required for track"),
        ], Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseSingle_UnknownFields_AreIgnored()
    {
        var result = requests.Single(MessageType.Track,
            """{"userId":"u1","event":"E","integrations":{"All":false},"version":2,"email":"x@example.com"}""");

        Assert.Single(result.Accepted);
        Assert.Empty(result.Rejected);
    }
}
