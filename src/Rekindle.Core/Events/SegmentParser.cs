using System.Text.Json;
using Rekindle.Core.Contacts;

namespace Rekindle.Core.Events;

/// <summary>
/// Parses and validates request bodies of the Segment HTTP tracking API (/v1/track, identify, page,
/// screen, alias, group and batch) into <see cref="EventMessage"/>s. Pure and thread-safe: one instance
/// serves every request. Payloads are read with <see cref="Utf8JsonReader"/> and copied as text, so an
/// accepted message costs its strings and little else.
/// </summary>
public sealed class SegmentParser
{
    public SegmentParser(IngestionLimits? limits = null)
    {
        Limits = limits ?? IngestionLimits.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Limits.MaxMessageBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Limits.MaxBatchBytes);
    }

    public IngestionLimits Limits { get; }

    /// <summary>
    /// Parses the body of a single call (POST /v1/track and friends); the URL gives the type and a "type"
    /// in the body is ignored. A body over <see cref="IngestionLimits.MaxMessageBytes"/>, not valid JSON or
    /// not an object is a request error; otherwise the message is either the one accepted message or
    /// the one rejected message (index 0) with field names such as "userId".
    /// </summary>
    /// <param name="receivedAt">When the server received the request; the base of the clock-skew correction.</param>
    /// <param name="newMessageId">Called once if the message is accepted and has no messageId.</param>
    public ParseResult ParseSingle(
        MessageType type, ReadOnlySpan<byte> utf8Body, DateTimeOffset receivedAt, Func<string> newMessageId)
    {
        ArgumentNullException.ThrowIfNull(newMessageId);
        if (utf8Body.Length > Limits.MaxMessageBytes)
        {
            return ParseResult.Failed(new RequestError(RequestErrorKind.TooLarge, "body",
                SizeProblem("message", utf8Body.Length, Limits.MaxMessageBytes)));
        }

        if (EmptyBody(utf8Body) is { } empty)
        {
            return ParseResult.Failed(empty);
        }

        var draft = new MessageDraft(-1);
        try
        {
            var reader = new Utf8JsonReader(utf8Body);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var got = reader.TokenType;
                reader.Skip();
                reader.Read();
                return ParseResult.Failed(new RequestError(RequestErrorKind.NotAnObject, "body",
                    $"must be a JSON object (got {JsonText.Describe(got)})"));
            }

            // A copy of the reader checks the whole message first: the fields are read only from sound text.
            var walk = reader;
            var problem = new JsonValueCheck().Walk(ref walk, utf8Body, "", 0);

            // Throws on anything after the object.
            walk.Read();
            if (problem is not null)
            {
                return new ParseResult([], [new RejectedMessage(0, null, [problem])], TopLevelWriteKey(utf8Body), null);
            }

            MessageReader.ReadFields(ref reader, ref draft, readType: false);
        }
        catch (JsonException e)
        {
            return ParseResult.Failed(InvalidJson(utf8Body, e));
        }

        draft.Type = type;
        if (!MessageBuilder.Validate(ref draft, utf8Body, receivedAt, null, out var timestamp))
        {
            return new ParseResult([], [MessageBuilder.Reject(draft)], draft.WriteKey, null);
        }

        var context = MessageBuilder.Payload(utf8Body, draft.Context);
        var message = MessageBuilder.Create(draft, utf8Body, context, timestamp, receivedAt, null, newMessageId);
        return new ParseResult([message], [], draft.WriteKey, null) { Warnings = Warn(null, message, -1) ?? [] };
    }

    /// <summary>
    /// Parses the body of POST /v1/batch: <c>{"batch":[...], "sentAt":..., "context":..., "writeKey":...}</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The batch rule: a batch whose envelope is bad is refused whole and nothing is accepted — the body
    /// is over <see cref="IngestionLimits.MaxBatchBytes"/>, not valid JSON anywhere (inside messages too),
    /// not an object, has no "batch" array, or has a batch-level "sentAt" or "context" of the wrong kind.
    /// Otherwise each message is validated alone: the good ones are accepted and the bad ones are listed
    /// in <see cref="ParseResult.Rejected"/> with their index in the array and field names such as
    /// "batch[3].event". A message whose own JSON text is over <see cref="IngestionLimits.MaxMessageBytes"/>
    /// is one such bad message; it does not sink the batch. An empty array is accepted with no messages.
    /// </para>
    /// <para>
    /// Each message needs a "type" (track, identify, page, screen, alias, group; any letter case). The
    /// batch-level "context" is merged under each message's context (top-level keys of the message win),
    /// and the batch-level "sentAt" applies to messages that have none of their own.
    /// </para>
    /// </remarks>
    /// <param name="receivedAt">When the server received the request; the base of the clock-skew correction.</param>
    /// <param name="newMessageId">Called once per accepted message that has no messageId.</param>
    public ParseResult ParseBatch(ReadOnlySpan<byte> utf8Body, DateTimeOffset receivedAt, Func<string> newMessageId)
    {
        ArgumentNullException.ThrowIfNull(newMessageId);
        if (utf8Body.Length > Limits.MaxBatchBytes)
        {
            return ParseResult.Failed(new RequestError(RequestErrorKind.TooLarge, "body",
                SizeProblem("batch", utf8Body.Length, Limits.MaxBatchBytes)));
        }

        if (EmptyBody(utf8Body) is { } empty)
        {
            return ParseResult.Failed(empty);
        }

        BatchEnvelope envelope;
        try
        {
            envelope = BatchEnvelope.Read(utf8Body);
        }
        catch (JsonException e)
        {
            return ParseResult.Failed(InvalidJson(utf8Body, e));
        }

        if (envelope.Error is { } error)
        {
            return ParseResult.Failed(error, envelope.WriteKey);
        }

        var accepted = new List<EventMessage>(envelope.Items.Count);
        List<RejectedMessage>? rejected = null;
        List<MessageWarning>? warnings = null;
        for (int index = 0; index < envelope.Items.Count; index++)
        {
            var (slice, token, problem) = envelope.Items[index];
            if (token != JsonTokenType.StartObject)
            {
                (rejected ??= []).Add(new RejectedMessage(index, null,
                    [new FieldError($"batch[{index}]", $"must be an object (got {JsonText.Describe(token)})")]));
                continue;
            }

            if (problem is not null)
            {
                // Its fields cannot be read safely (GetString throws on invalid UTF-8), so this is all it gets.
                (rejected ??= []).Add(new RejectedMessage(index, null, [problem]));
                continue;
            }

            var item = slice.Of(utf8Body);
            var draft = new MessageDraft(index);
            if (item.Length > Limits.MaxMessageBytes)
            {
                draft.AddMessageError(SizeProblem("message", item.Length, Limits.MaxMessageBytes));
            }

            // The envelope pass has validated this JSON already, so this reader cannot throw.
            var reader = new Utf8JsonReader(item);
            reader.Read();
            MessageReader.ReadFields(ref reader, ref draft, readType: true);

            if (!MessageBuilder.Validate(ref draft, item, receivedAt, envelope.SentAt, out var timestamp))
            {
                (rejected ??= []).Add(MessageBuilder.Reject(draft));
                continue;
            }

            var context = envelope.ContextFor(utf8Body, item, draft.Context);
            var message = MessageBuilder.Create(draft, item, context, timestamp, receivedAt, envelope.SentAt, newMessageId);
            accepted.Add(message);
            warnings = Warn(warnings, message, index);
        }

        return new ParseResult(accepted, (IReadOnlyList<RejectedMessage>?)rejected ?? [], envelope.WriteKey, null)
        {
            Warnings = (IReadOnlyList<MessageWarning>?)warnings ?? [],
        };
    }

    /// <summary>Adds the message's commerce warnings, named like errors ("batch[3].properties.price"; index -1: a single call).</summary>
    private static List<MessageWarning>? Warn(List<MessageWarning>? warnings, EventMessage message, int index)
    {
        foreach (var warning in CommerceProperties.Check(message))
        {
            (warnings ??= []).Add(new MessageWarning(Math.Max(index, 0), message.MessageId,
                index < 0 ? warning.Field : $"batch[{index}].{warning.Field}", warning.Problem));
        }

        return warnings;
    }

    /// <summary>The body's "writeKey", read without reading any other value (which may not be readable text).</summary>
    private static string? TopLevelWriteKey(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isWriteKey = reader.ValueTextEquals("writeKey"u8);
            reader.Read();
            if (isWriteKey && reader.TokenType == JsonTokenType.String && JsonValueCheck.TextProblem(ref reader, 0) is null)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    private static string SizeProblem(string what, int bytes, int limit) =>
        $"{what} is {JsonText.Bytes(bytes)} bytes; the limit is {JsonText.Bytes(limit)}";

    private static RequestError? EmptyBody(ReadOnlySpan<byte> body) =>
        body.IndexOfAnyExcept(" \t\r\n"u8) < 0
            ? new RequestError(RequestErrorKind.InvalidJson, "body", "is empty; expected a JSON object")
            : null;

    private static RequestError InvalidJson(ReadOnlySpan<byte> body, JsonException e) =>
        new(RequestErrorKind.InvalidJson, "body", JsonSyntaxError.Describe(body, e));
}
