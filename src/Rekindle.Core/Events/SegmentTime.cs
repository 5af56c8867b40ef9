using System.Text.Json;

namespace Rekindle.Core.Events;

/// <summary>Reading Segment's ISO-8601 timestamps and correcting the client's clock skew.</summary>
internal static class SegmentTime
{
    // Longer than any ISO-8601 date-time System.Text.Json accepts (16 fraction digits and an offset).
    private const int MaxIsoBytes = 64;

    /// <summary>Reads a timestamp field; returns the problem, or null when the value is fine (or null/absent).</summary>
    public static string? Read(ref Utf8JsonReader reader, out DateTimeOffset? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                if (TryParseIso(ref reader, out var parsed))
                {
                    value = parsed;
                    return null;
                }

                return $"is not an ISO-8601 date-time: {JsonText.Quote(reader.GetString())}";
            default:
                var got = reader.TokenType;
                reader.Skip();
                return $"must be an ISO-8601 date-time string (got {JsonText.Describe(got)})";
        }
    }

    /// <summary>
    /// The corrected "timestamp", as the Segment spec defines it
    /// (segment.com/docs/connections/spec/common/, "Timestamps"): timestamp = receivedAt - (sentAt -
    /// originalTimestamp), because sentAt and receivedAt are taken at nearly the same moment, so their
    /// difference is the device's clock skew. Without sentAt there is nothing to measure the skew with and
    /// the client's timestamp is kept as is (this is how server libraries import history); without a client
    /// timestamp the event is taken to have happened when it arrived.
    /// </summary>
    /// <returns>False when the correction falls outside the representable range of dates.</returns>
    public static bool TryCorrect(
        DateTimeOffset receivedAt, DateTimeOffset? clientTimestamp, DateTimeOffset? sentAt, out DateTimeOffset timestamp)
    {
        if (clientTimestamp is not { } original)
        {
            timestamp = receivedAt;
            return true;
        }

        if (sentAt is not { } sent)
        {
            timestamp = original;
            return true;
        }

        // UTC ticks are below 3.2e18, so this arithmetic cannot overflow a long.
        long ticks = receivedAt.UtcTicks - (sent.UtcTicks - original.UtcTicks);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            timestamp = default;
            return false;
        }

        timestamp = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool TryParseIso(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        if (reader.ValueSpan.Length > MaxIsoBytes)
        {
            return false;
        }

        Span<byte> text = stackalloc byte[MaxIsoBytes];
        text = text[..reader.CopyString(text)];
        if (HasOffset(text))
        {
            return reader.TryGetDateTimeOffset(out value);
        }

        // Without an offset System.Text.Json would assume the server's local zone; a server's zone must
        // not change what an event means, so such times are read as UTC.
        if (!reader.TryGetDateTime(out var clockTime))
        {
            return false;
        }

        value = new DateTimeOffset(DateTime.SpecifyKind(clockTime, DateTimeKind.Unspecified), TimeSpan.Zero);
        return true;
    }

    private static bool HasOffset(ReadOnlySpan<byte> iso)
    {
        int time = iso.IndexOf((byte)'T');
        return time >= 0 && iso[(time + 1)..].IndexOfAny("Z+-"u8) >= 0;
    }
}
