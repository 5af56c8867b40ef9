using System.Text;
using Rekindle.Core.Events;

namespace Rekindle.Core.Tests.Events;

/// <summary>Builds request bodies and runs them through a <see cref="SegmentParser"/> with a fixed clock.</summary>
internal sealed class SegmentRequests
{
    public static readonly DateTimeOffset ReceivedAt = new(2024, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private int generated;

    public SegmentParser Parser { get; init; } = new();

    /// <summary>How many times the parser asked for a new message id.</summary>
    public int GeneratedIds => generated;

    public ParseResult Single(MessageType type, string json) =>
        Parser.ParseSingle(type, Encoding.UTF8.GetBytes(json), ReceivedAt, NewId);

    public ParseResult Batch(string json) =>
        Parser.ParseBatch(Encoding.UTF8.GetBytes(json), ReceivedAt, NewId);

    /// <summary>A track call whose JSON text is exactly <paramref name="totalBytes"/> long.</summary>
    public static string TrackOfSize(int totalBytes, string type = "")
    {
        string head = "{" + type + "\"userId\":\"u1\",\"event\":\"Padded\",\"properties\":{\"pad\":\"";
        const string Tail = "\"}}";
        int pad = totalBytes - Encoding.UTF8.GetByteCount(head) - Tail.Length;
        return head + new string('x', pad) + Tail;
    }

    /// <summary>A batch of valid track calls whose body is exactly <paramref name="totalBytes"/> long.</summary>
    public static string BatchOfSize(int totalBytes)
    {
        const string Head = """{"batch":[""";
        const string Tail = "]}";
        const int ItemBytes = 30_000;
        var body = new StringBuilder(Head);
        int remaining = totalBytes - Head.Length - Tail.Length;
        while (remaining > ItemBytes + 1 + 200)
        {
            body.Append(TrackOfSize(ItemBytes, "\"type\":\"track\",")).Append(',');
            remaining -= ItemBytes + 1;
        }

        body.Append(TrackOfSize(remaining, "\"type\":\"track\",")).Append(Tail);
        return body.ToString();
    }

    private string NewId() => $"generated-{++generated}";
}
