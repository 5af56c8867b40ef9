using System.Text.Json;
using Rekindle.Core.Consent;

namespace Rekindle.Core.Events;

/// <summary>Applies the per-type rules of the Segment spec to a read message and builds the result.</summary>
internal static class MessageBuilder
{
    /// <summary>Checks the required fields and corrects the timestamp; false when the draft has errors.</summary>
    /// <param name="source">The bytes the draft's slices point into.</param>
    /// <param name="defaultSentAt">The batch's "sentAt", used when the message has none of its own.</param>
    public static bool Validate(
        ref MessageDraft d, ReadOnlySpan<byte> source, DateTimeOffset receivedAt, DateTimeOffset? defaultSentAt, out DateTimeOffset timestamp)
    {
        CheckRequired(ref d);
        CheckConsentTraits(ref d, source);

        // RudderStack clients send the device time as "originalTimestamp" instead of "timestamp".
        var clientTimestamp = d.Timestamp ?? d.OriginalTimestamp;
        if (!SegmentTime.TryCorrect(receivedAt, clientTimestamp, d.SentAt ?? defaultSentAt, out timestamp))
        {
            d.AddError("sentAt", "is too far from timestamp to correct the client's clock skew");
        }

        return d.IsValid;
    }

    public static RejectedMessage Reject(in MessageDraft d) => new(Math.Max(d.Index, 0), d.MessageId, d.Errors!);

    /// <param name="source">The bytes the draft's slices point into.</param>
    /// <param name="context">The message's context as compact JSON (already merged with the batch's).</param>
    public static EventMessage Create(
        in MessageDraft d,
        ReadOnlySpan<byte> source,
        string context,
        DateTimeOffset timestamp,
        DateTimeOffset receivedAt,
        DateTimeOffset? defaultSentAt,
        Func<string> newMessageId)
    {
        var type = d.Type!.Value;

        // Fields another call type defines are dropped, so that e.g. a stray previousId on a track call
        // is never taken for an alias by identity resolution.
        return new EventMessage
        {
            MessageId = d.MessageId ?? newMessageId(),
            Type = type,
            Event = type == MessageType.Track ? d.Event : null,
            Name = type is MessageType.Page or MessageType.Screen ? d.Name : null,
            UserId = d.UserId,
            AnonymousId = d.AnonymousId,
            PreviousId = type == MessageType.Alias ? d.PreviousId : null,
            GroupId = type == MessageType.Group ? d.GroupId : null,
            Timestamp = timestamp,
            ReceivedAt = receivedAt,
            OriginalTimestamp = d.Timestamp ?? d.OriginalTimestamp,
            SentAt = d.SentAt ?? defaultSentAt,
            Properties = type is MessageType.Track or MessageType.Page or MessageType.Screen
                ? Payload(source, d.Properties)
                : JsonText.EmptyObject,
            Traits = type is MessageType.Identify or MessageType.Group
                ? Payload(source, d.Traits)
                : JsonText.EmptyObject,
            Context = context,
        };
    }

    public static string Payload(ReadOnlySpan<byte> source, JsonSlice slice) =>
        slice.IsPresent ? JsonText.Compact(slice.Of(source)) : JsonText.EmptyObject;

    private static void CheckRequired(ref MessageDraft d)
    {
        if (d.Type is not { } type)
        {
            // Without a type the other rules cannot be chosen; the type error says enough.
            if (!d.IsInvalid(DraftField.Type))
            {
                d.AddError("type", $"is required; expected one of {MessageReader.KnownTypes}");
            }

            return;
        }

        if (type == MessageType.Alias)
        {
            // Alias links previousId to userId; an anonymousId alone identifies nothing to link.
            Require(ref d, d.UserId, DraftField.UserId, "userId", "alias");
            Require(ref d, d.PreviousId, DraftField.PreviousId, "previousId", "alias");
        }
        else if (d.UserId is null && d.AnonymousId is null
            && !d.IsInvalid(DraftField.UserId | DraftField.AnonymousId))
        {
            // Worded to read after the field name, as every problem does: "userId is required when ...".
            d.AddError("userId", "is required when anonymousId is absent");
        }

        if (type == MessageType.Track)
        {
            Require(ref d, d.Event, DraftField.Event, "event", "track");
        }
        else if (type == MessageType.Group)
        {
            Require(ref d, d.GroupId, DraftField.GroupId, "groupId", "group");
        }
    }

    /// <summary>
    /// A consent trait Rekindle cannot map would otherwise be stored and then ignored, and the shop would believe the
    /// contact unsubscribed (docs/consent.md). Only identify traits carry consent; a group's traits are the group's.
    /// </summary>
    private static void CheckConsentTraits(ref MessageDraft d, ReadOnlySpan<byte> source)
    {
        if (d.Type != MessageType.Identify || !d.Traits.IsPresent)
        {
            return;
        }

        using var traits = JsonDocument.Parse(d.Traits.Of(source).ToArray());
        foreach (var trait in ConsentTraits.Read(traits.RootElement))
        {
            if (ConsentTraits.Problem(trait) is { } problem)
            {
                d.AddError("traits." + trait.Trait, problem);
            }
        }
    }

    private static void Require(ref MessageDraft d, string? value, DraftField flag, string field, string call)
    {
        if (value is null && !d.IsInvalid(flag))
        {
            d.AddError(field, $"is required for {call}");
        }
    }
}
