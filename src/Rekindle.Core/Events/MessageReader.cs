using System.Text;
using System.Text.Json;

namespace Rekindle.Core.Events;

/// <summary>
/// Reads the top-level fields of one Segment message in a single pass and checks each one's JSON type.
/// Unknown fields ("integrations", "version", custom ones) are skipped.
/// </summary>
internal static class MessageReader
{
    public const string KnownTypes = "track, identify, page, screen, alias, group";

    /// <summary>Reads from the message's StartObject to its EndObject.</summary>
    /// <param name="readType">False for a single call, where the URL, not the body, gives the type.</param>
    public static void ReadFields(ref Utf8JsonReader reader, ref MessageDraft d, bool readType)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Most frequent fields first: this runs for every event.
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (readType)
                {
                    ReadType(ref reader, ref d);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                d.Event = ReadString(ref reader, ref d, DraftField.Event, "event");
            }
            else if (reader.ValueTextEquals("userId"u8))
            {
                reader.Read();
                d.UserId = ReadId(ref reader, ref d, DraftField.UserId, "userId");
            }
            else if (reader.ValueTextEquals("anonymousId"u8))
            {
                reader.Read();
                d.AnonymousId = ReadId(ref reader, ref d, DraftField.AnonymousId, "anonymousId");
            }
            else if (reader.ValueTextEquals("properties"u8))
            {
                reader.Read();
                d.Properties = ReadObject(ref reader, ref d, "properties");
            }
            else if (reader.ValueTextEquals("context"u8))
            {
                reader.Read();
                d.Context = ReadObject(ref reader, ref d, "context");
            }
            else if (reader.ValueTextEquals("messageId"u8))
            {
                reader.Read();
                d.MessageId = ReadString(ref reader, ref d, DraftField.None, "messageId");
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                d.Timestamp = ReadTime(ref reader, ref d, "timestamp");
            }
            else if (reader.ValueTextEquals("sentAt"u8))
            {
                reader.Read();
                d.SentAt = ReadTime(ref reader, ref d, "sentAt");
            }
            else if (reader.ValueTextEquals("originalTimestamp"u8))
            {
                reader.Read();
                d.OriginalTimestamp = ReadTime(ref reader, ref d, "originalTimestamp");
            }
            else if (reader.ValueTextEquals("traits"u8))
            {
                reader.Read();
                d.Traits = ReadObject(ref reader, ref d, "traits");
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                d.Name = ReadString(ref reader, ref d, DraftField.None, "name");
            }
            else if (reader.ValueTextEquals("previousId"u8))
            {
                reader.Read();
                d.PreviousId = ReadId(ref reader, ref d, DraftField.PreviousId, "previousId");
            }
            else if (reader.ValueTextEquals("groupId"u8))
            {
                reader.Read();
                d.GroupId = ReadId(ref reader, ref d, DraftField.GroupId, "groupId");
            }
            else if (reader.ValueTextEquals("writeKey"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    d.WriteKey = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>A string; null, absent and "" all mean "not given".</summary>
    private static string? ReadString(ref Utf8JsonReader reader, ref MessageDraft d, DraftField flag, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.ValueSpan.IsEmpty ? null : NullIfEmpty(reader.GetString());
            case JsonTokenType.Null:
                return null;
            default:
                d.AddError(flag, field, $"must be a string (got {JsonText.Describe(reader.TokenType)})");
                reader.Skip();
                return null;
        }
    }

    /// <summary>
    /// An identifier: a string, or a number (Segment libraries send database ids as numbers), kept as
    /// its JSON text so that no precision is lost and "42" and 42 name the same user.
    /// </summary>
    private static string? ReadId(ref Utf8JsonReader reader, ref MessageDraft d, DraftField flag, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.ValueSpan.IsEmpty ? null : NullIfEmpty(reader.GetString());
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.Null:
                return null;
            default:
                d.AddError(flag, field, $"must be a string or number (got {JsonText.Describe(reader.TokenType)})");
                reader.Skip();
                return null;
        }
    }

    private static JsonSlice ReadObject(ref Utf8JsonReader reader, ref MessageDraft d, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                return new JsonSlice(start, (int)reader.BytesConsumed - start);
            case JsonTokenType.Null:
                return default;
            default:
                d.AddError(field, $"must be an object (got {JsonText.Describe(reader.TokenType)})");
                reader.Skip();
                return default;
        }
    }

    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader, ref MessageDraft d, string field)
    {
        if (SegmentTime.Read(ref reader, out var value) is { } problem)
        {
            d.AddError(field, problem);
        }

        return value;
    }

    private static void ReadType(ref Utf8JsonReader reader, ref MessageDraft d)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (TryParseType(ref reader, out var type))
                {
                    d.Type = type;
                }
                else if (!reader.ValueSpan.IsEmpty)
                {
                    d.AddError(DraftField.Type, "type",
                        $"is not a known message type: {JsonText.Quote(reader.GetString())}; expected one of {KnownTypes}");
                }

                return;
            case JsonTokenType.Null:
                return;
            default:
                d.AddError(DraftField.Type, "type", $"must be a string (got {JsonText.Describe(reader.TokenType)})");
                reader.Skip();
                return;
        }
    }

    private static bool TryParseType(ref Utf8JsonReader reader, out MessageType type)
    {
        type = default;
        if (reader.ValueSpan.Length > 16)
        {
            return false;
        }

        Span<byte> text = stackalloc byte[16];
        text = text[..reader.CopyString(text)];
        MessageType? found =
            Ascii.EqualsIgnoreCase(text, "track"u8) ? MessageType.Track
            : Ascii.EqualsIgnoreCase(text, "identify"u8) ? MessageType.Identify
            : Ascii.EqualsIgnoreCase(text, "page"u8) ? MessageType.Page
            : Ascii.EqualsIgnoreCase(text, "screen"u8) ? MessageType.Screen
            : Ascii.EqualsIgnoreCase(text, "alias"u8) ? MessageType.Alias
            : Ascii.EqualsIgnoreCase(text, "group"u8) ? MessageType.Group
            : null;
        type = found.GetValueOrDefault();
        return found.HasValue;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
