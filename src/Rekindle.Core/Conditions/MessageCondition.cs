using System.Text.Json;
using Rekindle.Core.Consent;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>What happened to a message.</summary>
public enum Engagement
{
    /// <summary>It went out (status "sent").</summary>
    Delivered,

    /// <summary>It was opened, or a link in it was clicked (a click proves the open when images were blocked).</summary>
    Opened,

    Clicked,

    /// <summary>It went out and was neither opened nor clicked.</summary>
    NotOpened,

    /// <summary>It went out and no link in it was clicked.</summary>
    NotClicked,
}

/// <summary>Which messages a message condition looks at.</summary>
public abstract record MessageSelector;

/// <summary>The message this journey instance sent at a step (the latest, when a loop sent it more than once).</summary>
public sealed record StepMessage(string StepId) : MessageSelector;

/// <summary>Every message on a channel sent to the contact in the last <paramref name="Within"/> (sent at or after now − within).</summary>
public sealed record RecentMessages(string Channel, TimeSpan Within) : MessageSelector;

/// <summary>
/// Engagement with a message: <c>{"message": {"step": "first-email"}, "is": "opened"}</c> (the message this instance
/// sent at step first-email), <c>{"message": {"channel": "email", "within": "30d"}, "is": "clicked"}</c> (any email of the
/// last 30 days). For several messages, delivered/opened/clicked need one message that was; notOpened/notClicked need one
/// delivered and none opened/clicked.
/// </summary>
public sealed record MessageCondition(MessageSelector Message, Engagement Is) : Condition
{
    internal const string Key = "message";

    private static readonly (Engagement Value, string Name)[] Names =
    [
        (Engagement.Delivered, "delivered"), (Engagement.Opened, "opened"), (Engagement.Clicked, "clicked"),
        (Engagement.NotOpened, "notOpened"), (Engagement.NotClicked, "notClicked"),
    ];

    internal static MessageCondition? Read(JsonObjectReader r, ConditionReader c)
    {
        MessageSelector? selector = ReadSelector(r, c);
        string? name = r.RequiredString("is");
        var engagement = Array.Find(Names, n => n.Name == name);
        if (name is not null && engagement.Name is null)
        {
            r.Error("is", $"must be {FlowJsonNames.OneOf(Names.Select(n => n.Name))}");
        }

        return selector is null || engagement.Name is null ? null : new MessageCondition(selector, engagement.Value);
    }

    private static MessageSelector? ReadSelector(JsonObjectReader parent, ConditionReader c)
    {
        JsonElement value = parent.Get(Key);
        JsonObjectReader? r = JsonObjectReader.Open(value, parent.PathOf(Key), c.Errors);
        if (r is null)
        {
            return null;
        }

        string? step = r.OptionalString("step");
        string? channel = r.OptionalString("channel");
        JsonElement within = r.Get("within");
        c.RejectUnknown(value, r.Path, ["step", "channel", "within"]);
        if (step is not null)
        {
            if (channel is not null || within.ValueKind != JsonValueKind.Undefined)
            {
                r.Error("step", "names one message: leave out \"channel\" and \"within\"");
                return null;
            }

            if (!JsonObjectReader.IsIdentifier(step))
            {
                r.Error("step", "must be a step id: " + JsonObjectReader.IdentifierProblem);
                return null;
            }

            return c.RequireJourney(r, "step", "the message of a step") ? new StepMessage(step) : null;
        }

        if (channel is not null && !ConsentChannels.All.Contains(channel))
        {
            r.Error("channel", $"must be {FlowJsonNames.OneOf(ConsentChannels.All)}");
            return null;
        }

        if (within.ValueKind != JsonValueKind.String || !ConditionTime.TryParseDuration(within.GetString(), out TimeSpan span))
        {
            r.Error("within", within.ValueKind == JsonValueKind.Undefined
                ? "is required (or \"step\" for the message of a step of this flow)"
                : ConditionTime.DurationProblem);
            return null;
        }

        return new RecentMessages(channel ?? ConsentChannels.Email, span);
    }

    internal override void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartObject(Key);
        switch (Message)
        {
            case StepMessage s:
                w.WriteString("step", s.StepId);
                break;
            case RecentMessages m:
                w.WriteString("channel", m.Channel);
                w.WriteString("within", FlowDuration.Format(m.Within));
                break;
        }

        w.WriteEndObject();
        w.WriteString("is", Array.Find(Names, n => n.Value == Is).Name);
        w.WriteEndObject();
    }
}
