using Rekindle.Core.Events;

namespace Rekindle.Core.Tests.Events;

/// <summary>
/// Timestamp parsing and Segment's clock-skew correction: timestamp = receivedAt - (sentAt - originalTimestamp).
/// Every test receives at 2024-03-10T12:00:00Z.
/// </summary>
public sealed class SegmentParserTimestampTests
{
    private readonly SegmentRequests requests = new();

    private static DateTimeOffset Utc(int hour, int minute, int second, int millisecond = 0) =>
        new(2024, 3, 10, hour, minute, second, millisecond, TimeSpan.Zero);

    [Fact]
    public void ParseSingle_ClientClockOneHourSlow_TimestampCorrected()
    {
        // The event happened 30 s before sending; the device clock reads 11:00 when it is really 12:00.
        var message = Accept("""
            {"userId":"u1","event":"E","timestamp":"2024-03-10T10:59:30Z","sentAt":"2024-03-10T11:00:00Z"}
            """);

        Assert.Equal(Utc(11, 59, 30), message.Timestamp);
        Assert.Equal(Utc(10, 59, 30), message.OriginalTimestamp);
        Assert.Equal(Utc(11, 0, 0), message.SentAt);
        Assert.Equal(SegmentRequests.ReceivedAt, message.ReceivedAt);
    }

    [Fact]
    public void ParseSingle_ClientClockFastWithZoneOffset_TimestampCorrectedToUtc()
    {
        // Device clock 5 min fast in UTC+2; sent 2 s after the event.
        var message = Accept("""
            {"userId":"u1","event":"E","timestamp":"2024-03-10T14:05:10.250+02:00","sentAt":"2024-03-10T14:05:12.250+02:00"}
            """);

        Assert.Equal(Utc(11, 59, 58), message.Timestamp);
        Assert.Equal(TimeSpan.Zero, message.Timestamp.Offset);
        Assert.Equal(new DateTimeOffset(2024, 3, 10, 14, 5, 10, 250, TimeSpan.FromHours(2)), message.OriginalTimestamp);
        Assert.Equal(TimeSpan.FromHours(2), message.OriginalTimestamp!.Value.Offset);
    }

    [Fact]
    public void ParseSingle_HistoricalTimestampWithoutSentAt_KeptAsGiven()
    {
        var message = Accept("""{"userId":"u1","event":"E","timestamp":"2012-12-02T00:30:12.984-05:00"}""");

        var expected = new DateTimeOffset(2012, 12, 2, 0, 30, 12, 984, TimeSpan.FromHours(-5));
        Assert.Equal(expected, message.Timestamp);
        Assert.Equal(expected.Offset, message.Timestamp.Offset);
        Assert.Equal(expected, message.OriginalTimestamp);
        Assert.Null(message.SentAt);
    }

    [Fact]
    public void ParseSingle_SentAtWithoutTimestamp_TimestampIsReceivedAt()
    {
        var message = Accept("""{"userId":"u1","event":"E","sentAt":"2024-03-10T11:00:00Z"}""");

        Assert.Equal(SegmentRequests.ReceivedAt, message.Timestamp);
        Assert.Null(message.OriginalTimestamp);
        Assert.Equal(Utc(11, 0, 0), message.SentAt);
    }

    [Fact]
    public void ParseSingle_NoTimestamps_TimestampIsReceivedAt()
    {
        var message = Accept("""{"userId":"u1","event":"E"}""");

        Assert.Equal(SegmentRequests.ReceivedAt, message.Timestamp);
        Assert.Null(message.OriginalTimestamp);
        Assert.Null(message.SentAt);
    }

    [Fact]
    public void ParseSingle_OriginalTimestampFieldInsteadOfTimestamp_UsedAsClientTime()
    {
        // RudderStack clients name the device time "originalTimestamp".
        var message = Accept("""
            {"userId":"u1","event":"E","originalTimestamp":"2024-03-10T11:58:00Z","sentAt":"2024-03-10T11:59:00Z"}
            """);

        Assert.Equal(Utc(11, 59, 0), message.Timestamp);
        Assert.Equal(Utc(11, 58, 0), message.OriginalTimestamp);
    }

    [Fact]
    public void ParseSingle_TimestampWithoutOffset_ReadAsUtc()
    {
        var message = Accept("""{"userId":"u1","event":"E","timestamp":"2024-03-10T09:15:00"}""");

        Assert.Equal(Utc(9, 15, 0), message.Timestamp);
    }

    [Fact]
    public void ParseSingle_NanosecondFraction_TruncatedToTicks()
    {
        var message = Accept("""{"userId":"u1","event":"E","timestamp":"2024-03-10T09:15:00.123456789Z"}""");

        Assert.Equal(Utc(9, 15, 0).AddTicks(1_234_567), message.Timestamp);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-3-10T10:00:00Z")]
    [InlineData("10/03/2024 10:00")]
    [InlineData("2024-03-10 10:00:00Z")]
    [InlineData("1710064800")]
    [InlineData("")]
    public void ParseSingle_TimestampNotIso8601_Rejected(string value)
    {
        var result = requests.Single(MessageType.Track, $$"""{"userId":"u1","event":"E","timestamp":"{{value}}"}""");

        Assert.Equal([new FieldError("timestamp", $"is not an ISO-8601 date-time: '{value}'")],
            Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseSingle_VeryLongBadTimestamp_QuotedShortened()
    {
        string value = new('9', 100);

        var result = requests.Single(MessageType.Track, $$"""{"userId":"u1","event":"E","sentAt":"{{value}}"}""");

        Assert.Equal([new FieldError("sentAt", $"is not an ISO-8601 date-time: '{new string('9', 64)}...'")],
            Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseSingle_OriginalTimestampOfWrongType_Rejected()
    {
        var result = requests.Single(MessageType.Track, """{"userId":"u1","event":"E","originalTimestamp":{}}""");

        Assert.Equal([new FieldError("originalTimestamp", "must be an ISO-8601 date-time string (got object)")],
            Assert.Single(result.Rejected).Errors);
    }

    [Fact]
    public void ParseSingle_SkewBeyondRepresentableDates_Rejected()
    {
        var result = requests.Single(MessageType.Track,
            """{"userId":"u1","event":"E","timestamp":"0001-01-01T00:00:00Z","sentAt":"9999-12-31T00:00:00Z"}""");

        Assert.Equal([new FieldError("sentAt", "is too far from timestamp to correct the client's clock skew")],
            Assert.Single(result.Rejected).Errors);
    }

    private EventMessage Accept(string json)
    {
        var result = requests.Single(MessageType.Track, json);
        Assert.Empty(result.Rejected);
        return Assert.Single(result.Accepted);
    }
}
