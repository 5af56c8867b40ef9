using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Rekindle.Core.Conditions;
using Rekindle.Core.Consent;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.DryRun;
using Rekindle.Server.Features.Security;

namespace Rekindle.Server.Features.Flows;

/// <summary>
/// A dry run's body, read: which contact (an existing one by id, or one described), what it does and when, and the
/// simulated span. Every problem is collected with its path, none thrown.
/// </summary>
internal sealed class FlowDryRunRequest
{
    /// <summary>The id of the contact described in the body (it exists nowhere).</summary>
    public const string DescribedContactId = "dry-run-contact";

    public string? ContactId { get; private set; }

    /// <summary>The described contact, before the start (its consent and traits as an identify call would set them).</summary>
    public ContactProfile? Described { get; private set; }

    public ContactScores? Scores { get; private set; }

    public DateTimeOffset Start { get; private set; }

    public TimeSpan Horizon { get; private set; } = FlowSimulator.DefaultHorizon;

    public EventMessage? Trigger { get; private set; }

    public List<EventMessage> Events { get; } = [];

    public List<FieldProblem> Problems { get; } = [];

    public static FlowDryRunRequest Read(JsonElement body, DateTimeOffset now)
    {
        var r = new FlowDryRunRequest { Start = now };
        r.ReadAll(body);
        return r;
    }

    private void ReadAll(JsonElement body)
    {
        if (body.TryGetProperty("start", out var start)
            && (start.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(start.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s)))
        {
            Problems.Add(new("start", "must be an ISO-8601 time (UTC unless it has an offset), e.g. \"2025-03-14T09:30:00Z\""));
        }
        else if (start.ValueKind == JsonValueKind.String)
        {
            Start = DateTimeOffset.Parse(start.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        if (body.TryGetProperty("horizon", out var horizon))
        {
            if (horizon.ValueKind != JsonValueKind.String || !FlowDuration.TryParse(horizon.GetString()!, out var h) || h <= TimeSpan.Zero || h > FlowSimulator.MaxHorizon)
            {
                Problems.Add(new("horizon", $"must be a duration such as \"90d\", at most {FlowDuration.Format(FlowSimulator.MaxHorizon)}"));
            }
            else
            {
                Horizon = h;
            }
        }

        bool hasId = body.TryGetProperty("contactId", out var id);
        bool hasContact = body.TryGetProperty("contact", out var contact);
        if (hasId == hasContact)
        {
            Problems.Add(new("contactId", "give either contactId (an existing contact) or contact (a described one)"));
        }
        else if (hasId)
        {
            if (id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()))
            {
                Problems.Add(new("contactId", "must be a contact id"));
            }
            else
            {
                ContactId = id.GetString();
            }
        }
        else
        {
            ReadContact(contact);
        }

        if (body.TryGetProperty("trigger", out var trigger))
        {
            Trigger = ReadEvent(trigger, "trigger", "dry-run-trigger", Start);
        }

        if (body.TryGetProperty("events", out var events))
        {
            if (events.ValueKind != JsonValueKind.Array)
            {
                Problems.Add(new("events", "must be an array of {\"event\", \"at\", \"properties\"}"));
                return;
            }

            int i = 0;
            foreach (var e in events.EnumerateArray())
            {
                if (ReadEvent(e, $"events[{i}]", $"dry-run-event-{i + 1}", null) is { } message)
                {
                    Events.Add(message);
                }

                i++;
            }
        }
    }

    private void ReadContact(JsonElement contact)
    {
        if (contact.ValueKind != JsonValueKind.Object)
        {
            Problems.Add(new("contact", "must be an object: {\"traits\", \"email\", \"tags\", \"consent\", \"scores\"}"));
            return;
        }

        // Traits, email and consent go in as one identify call would bring them, so the profile is built as the engine builds it.
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (contact.TryGetProperty("traits", out var traits))
            {
                if (traits.ValueKind != JsonValueKind.Object)
                {
                    Problems.Add(new("contact.traits", "must be an object"));
                }
                else
                {
                    foreach (var trait in traits.EnumerateObject())
                    {
                        trait.WriteTo(w);
                    }
                }
            }

            if (contact.TryGetProperty("email", out var email))
            {
                if (email.ValueKind != JsonValueKind.String)
                {
                    Problems.Add(new("contact.email", "must be a string"));
                }
                else
                {
                    w.WriteString("email", email.GetString());
                }
            }

            if (contact.TryGetProperty("consent", out var consent))
            {
                WriteConsent(w, consent);
            }

            w.WriteEndObject();
        }

        var identify = new EventMessage
        {
            MessageId = "dry-run-contact", Type = MessageType.Identify, UserId = DescribedContactId, Timestamp = Start, ReceivedAt = Start,
            Traits = System.Text.Encoding.UTF8.GetString(buffer.ToArray()),
        };
        var profile = ProfileReducer.Apply(new ContactProfile { Id = DescribedContactId, CreatedAt = Start }, identify);
        if (contact.TryGetProperty("tags", out var tags))
        {
            if (tags.ValueKind != JsonValueKind.Array || tags.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
            {
                Problems.Add(new("contact.tags", "must be an array of strings"));
            }
            else
            {
                profile = profile with { Tags = profile.Tags.Union(tags.EnumerateArray().Select(t => t.GetString()!)) };
            }
        }

        if (contact.TryGetProperty("scores", out var scores))
        {
            try
            {
                Scores = scores.Deserialize<ContactScores>(JsonSerializerOptions.Web);
            }
            catch (JsonException ex)
            {
                Problems.Add(new("contact.scores", $"is not a set of scores ({ex.Message})"));
            }
        }

        Described = profile;
    }

    private void WriteConsent(Utf8JsonWriter w, JsonElement consent)
    {
        if (consent.ValueKind != JsonValueKind.Object)
        {
            Problems.Add(new("contact.consent", "must be an object such as {\"email\": \"subscribed\"}"));
            return;
        }

        foreach (var channel in consent.EnumerateObject())
        {
            if (!ConsentChannels.All.Contains(channel.Name))
            {
                Problems.Add(new($"contact.consent.{channel.Name}", $"is not a channel; expected {string.Join(", ", ConsentChannels.All)}"));
            }
            else if (ConsentTraits.Map(channel.Value) is null)
            {
                Problems.Add(new($"contact.consent.{channel.Name}", $"expected {ConsentTraits.Accepted}"));
            }
            else
            {
                w.WritePropertyName(channel.Name + "_consent");
                channel.Value.WriteTo(w);
            }
        }
    }

    /// <summary>A track call ({"event", "properties"}) or an identify call ({"traits"}), at a time relative to the start or absolute.</summary>
    private EventMessage? ReadEvent(JsonElement e, string path, string id, DateTimeOffset? fixedAt)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            Problems.Add(new(path, "must be an object: {\"event\", \"at\", \"properties\"} or {\"traits\", \"at\"}"));
            return null;
        }

        DateTimeOffset at = fixedAt ?? Start;
        if (fixedAt is null && (!e.TryGetProperty("at", out var when) || when.ValueKind != JsonValueKind.String || !TryTime(when.GetString()!, out at)))
        {
            Problems.Add(new($"{path}.at", "must be a time relative to the start (\"+2h\", \"-3d\") or an ISO-8601 time"));
            return null;
        }

        string? name = e.TryGetProperty("event", out var n) && n.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(n.GetString()) ? n.GetString() : null;
        bool identify = e.TryGetProperty("traits", out var traits);
        if ((name is null) == !identify || (identify && traits.ValueKind != JsonValueKind.Object))
        {
            Problems.Add(new($"{path}.event", "give an event name (a track call) or a traits object (an identify call)"));
            return null;
        }

        string properties = "{}";
        if (e.TryGetProperty("properties", out var props))
        {
            if (props.ValueKind != JsonValueKind.Object)
            {
                Problems.Add(new($"{path}.properties", "must be an object"));
                return null;
            }

            properties = props.GetRawText();
        }

        return new EventMessage
        {
            MessageId = id, Type = identify ? MessageType.Identify : MessageType.Track, Event = name,
            Timestamp = at, ReceivedAt = at, Properties = properties, Traits = identify ? traits.GetRawText() : "{}",
        };
    }

    private bool TryTime(string text, out DateTimeOffset at)
    {
        at = default;
        if (text.Length > 1 && text[0] is '+' or '-' && FlowDuration.TryParse(text[1..], out var offset) && offset <= FlowSimulator.MaxHorizon)
        {
            at = text[0] == '+' ? Start + offset : Start - offset;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
    }
}
