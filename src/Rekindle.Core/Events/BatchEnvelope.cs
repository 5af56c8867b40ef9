using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Rekindle.Core.Events;

/// <summary>
/// The outer object of a /v1/batch body, read in one validating pass: where each item lies, and the
/// batch-level sentAt, context and writeKey. Slices point into the request body.
/// </summary>
internal sealed class BatchEnvelope
{
    private readonly List<JsonSlice> contextMembers = [];
    private readonly List<string> contextNames = [];
    private readonly HashSet<string> memberNames = new(StringComparer.Ordinal);
    private readonly JsonValueCheck check = new();
    private JsonSlice context;
    private string? compactContext;
    private bool sawBatch;

    /// <summary>Each item of the batch array; <c>Problem</c> is the first thing <see cref="JsonValueCheck"/> found in it.</summary>
    public List<(JsonSlice Slice, JsonTokenType Token, FieldError? Problem)> Items { get; } = new(16);

    public DateTimeOffset? SentAt { get; private set; }

    public string? WriteKey { get; private set; }

    /// <summary>The first thing wrong with the envelope; the whole batch is refused when set.</summary>
    public RequestError? Error { get; private set; }

    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    public static BatchEnvelope Read(ReadOnlySpan<byte> body)
    {
        var envelope = new BatchEnvelope();
        var reader = new Utf8JsonReader(body);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            envelope.Fail(RequestErrorKind.NotAnObject, "body",
                $"must be a JSON object (got {JsonText.Describe(reader.TokenType)})");
            reader.Skip();
        }
        else
        {
            envelope.ReadMembers(ref reader, body);
        }

        // Throws on anything after the object, so that "{...} garbage" is refused as invalid JSON.
        reader.Read();
        if (!envelope.sawBatch)
        {
            envelope.Fail(RequestErrorKind.InvalidBatch, "batch", "is required: an array of messages");
        }

        return envelope;
    }

    /// <summary>
    /// The message's context with the batch context merged under it: a top-level key the message has
    /// wins over the batch's, nested objects are not merged. The text is compact JSON.
    /// </summary>
    public string ContextFor(ReadOnlySpan<byte> body, ReadOnlySpan<byte> message, JsonSlice messageContext)
    {
        if (contextMembers.Count == 0)
        {
            return MessageBuilder.Payload(message, messageContext);
        }

        if (!messageContext.IsPresent)
        {
            // Shared by every message without a context of its own.
            return compactContext ??= JsonText.Compact(context.Of(body));
        }

        return Merge(body, messageContext.Of(message));
    }

    private string Merge(ReadOnlySpan<byte> body, ReadOnlySpan<byte> messageContext)
    {
        int count = contextMembers.Count;
        Span<bool> overridden = count <= 64 ? stackalloc bool[count] : new bool[count];
        overridden.Clear();

        byte[] rented = ArrayPool<byte>.Shared.Rent(messageContext.Length + context.Length + 2);
        try
        {
            Span<byte> buffer = rented;
            int written = 0;
            buffer[written++] = (byte)'{';

            var reader = new Utf8JsonReader(messageContext);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int start = (int)reader.TokenStartIndex;
                for (int i = 0; i < count; i++)
                {
                    overridden[i] |= reader.ValueTextEquals(contextNames[i]);
                }

                reader.Read();
                reader.Skip();
                written = Append(buffer, written, messageContext[start..(int)reader.BytesConsumed]);
            }

            for (int i = 0; i < count; i++)
            {
                if (!overridden[i])
                {
                    written = Append(buffer, written, contextMembers[i].Of(body));
                }
            }

            buffer[written++] = (byte)'}';
            return Encoding.UTF8.GetString(buffer[..written]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Append(Span<byte> buffer, int written, ReadOnlySpan<byte> member)
    {
        if (written > 1)
        {
            buffer[written++] = (byte)',';
        }

        return written + JsonText.CompactInto(member, buffer[written..]);
    }

    private void ReadMembers(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!CheckMember(ref reader, body))
            {
                reader.Read();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("batch"u8))
            {
                reader.Read();
                sawBatch = true;
                ReadItems(ref reader, body);
            }
            else if (reader.ValueTextEquals("sentAt"u8))
            {
                reader.Read();
                if (SegmentTime.Read(ref reader, out var sentAt) is { } problem)
                {
                    Fail(RequestErrorKind.InvalidBatch, "sentAt", problem);
                }

                SentAt = sentAt;
            }
            else if (reader.ValueTextEquals("context"u8))
            {
                reader.Read();
                ReadContext(ref reader);
            }
            else if (reader.ValueTextEquals("writeKey"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    WriteKey = reader.GetString();
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

    /// <summary>
    /// Checks the member's name and, but for "batch" (whose items are checked one by one), its value; false when
    /// the envelope is refused for it. A copy of the reader walks the value, so the caller still reads it after.
    /// </summary>
    private bool CheckMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        if (JsonValueCheck.TextProblem(ref reader, 0) is { } nameProblem)
        {
            Fail(RequestErrorKind.InvalidBatch, "body", "has a key that " + nameProblem);
            return false;
        }

        string name = reader.GetString()!;
        if (!memberNames.Add(name))
        {
            Fail(RequestErrorKind.InvalidBatch, name, "is given twice in the same object; a key may appear only once");
            return false;
        }

        if (name == "batch")
        {
            return true;
        }

        var walk = reader;
        walk.Read();
        if (check.Walk(ref walk, body, name, 0) is { } problem)
        {
            Fail(RequestErrorKind.InvalidBatch, problem.Field, problem.Problem);
            return false;
        }

        return true;
    }

    private void ReadItems(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Fail(RequestErrorKind.InvalidBatch, "batch", $"must be an array (got {JsonText.Describe(reader.TokenType)})");
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var token = reader.TokenType;
            int start = (int)reader.TokenStartIndex;

            // Walks to the item's end as Skip would, checking what the reader does not.
            var problem = check.Walk(ref reader, body, $"batch[{Items.Count}]", 0);
            Items.Add((new JsonSlice(start, (int)reader.BytesConsumed - start), token, problem));
        }
    }

    private void ReadContext(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                contextNames.Clear();
                contextMembers.Clear();
                compactContext = null;
                int contextStart = (int)reader.TokenStartIndex;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    int start = (int)reader.TokenStartIndex;
                    contextNames.Add(reader.GetString()!);
                    reader.Read();
                    reader.Skip();
                    contextMembers.Add(new JsonSlice(start, (int)reader.BytesConsumed - start));
                }

                context = new JsonSlice(contextStart, (int)reader.BytesConsumed - contextStart);
                return;
            case JsonTokenType.Null:
                return;
            default:
                Fail(RequestErrorKind.InvalidBatch, "context", $"must be an object (got {JsonText.Describe(reader.TokenType)})");
                reader.Skip();
                return;
        }
    }

    private void Fail(RequestErrorKind kind, string field, string problem) => Error ??= new RequestError(kind, field, problem);
}
