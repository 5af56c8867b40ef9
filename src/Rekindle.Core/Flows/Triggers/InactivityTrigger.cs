using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Contacts;

namespace Rekindle.Core.Flows.Triggers;

/// <summary>
/// Starts a flow when the contact did none of <see cref="Events"/> for <see cref="For"/> (win-back: no visit or order
/// for 90 days), measured from the latest of them in the profile's LastEventAt. A contact who never did any of them is
/// not inactive: there is nothing to be silent since.
/// </summary>
/// <remarks>
/// Timers, not a nightly scan, and few writes: the first watched event arms one timer at last+For; later events only
/// move LastEventAt in memory. When the timer fires it looks again: a newer event re-arms it at newLast+For (one
/// delete and one insert, in one commit), otherwise the flow starts (the start event is stamped last+For, the moment
/// the silence reached its length) and nothing is armed until the next watched event.
/// </remarks>
/// <example><code>{"type": "inactivity", "events": ["Page Viewed", "Order Completed"], "for": "90d"}</code></example>
public sealed record InactivityTrigger(ImmutableArray<string> Events, TimeSpan For) : TimedTrigger
{
    public const string JsonType = "inactivity";

    public override string Type => JsonType;

    public bool Equals(InactivityTrigger? other) =>
        other is not null && For == other.For && Events.AsSpan().SequenceEqual(other.Events.AsSpan());

    public override int GetHashCode() => HashCode.Combine(For, Events.Length);

    /// <summary>The latest of the watched events, or null when the contact never did one.</summary>
    public DateTimeOffset? LastAt(ContactProfile profile)
    {
        DateTimeOffset? last = null;
        foreach (string e in Events)
        {
            if (profile.LastEventAt.TryGetValue(e, out DateTimeOffset at) && (last is null || at > last))
            {
                last = at;
            }
        }

        return last;
    }

    public override TimerPlan OnApplied(ContactProfile before, ContactProfile after, DateTimeOffset? armedAt, TriggerClock clock) =>
        armedAt is null && LastAt(after) is { } last && last != LastAt(before) ? TimerPlan.Arm(last + For) : TimerPlan.Keep;

    public override DateTimeOffset? ArmFor(ContactProfile profile, TriggerClock clock) => LastAt(profile) + For;

    public override TimerFired OnTimer(string timerId, DateTimeOffset dueAt, ContactProfile profile, TriggerClock clock)
    {
        if (LastAt(profile) is not { } last)
        {
            return new(null, null);
        }

        DateTimeOffset silentUntil = last + For;
        if (silentUntil > clock.Now)
        {
            return new(null, silentUntil);
        }

        var start = TriggerEvents.Synthesise(timerId, TriggerEvents.Inactive, silentUntil, w =>
        {
            w.WriteString("lastEventAt", last);
            w.WriteString("inactiveFor", FlowDuration.Format(For));
        }, profile.UserId);
        return new(start, null);
    }

    internal static FlowTrigger? Read(JsonObjectReader trigger, List<FlowError> errors)
    {
        ImmutableArray<string>? events = TriggerJson.ReadEvents(trigger, errors);
        TimeSpan? length = ReadFor(trigger);
        return events is null || length is null ? null : new InactivityTrigger(events.Value, length.Value);
    }

    internal override void WriteFields(Utf8JsonWriter w)
    {
        TriggerJson.WriteEvents(w, Events);
        w.WriteString("for", FlowDuration.Format(For));
    }

    private static TimeSpan? ReadFor(JsonObjectReader trigger)
    {
        string? text = trigger.RequiredString("for");
        if (text is null)
        {
            return null;
        }

        if (!FlowDuration.TryParse(text, out TimeSpan length) || length < TimeSpan.FromHours(1) || length > FlowDuration.Max)
        {
            trigger.Error("for", "must be a duration from 1h to 3 years, such as \"90d\" or \"P12W\"");
            return null;
        }

        return length;
    }
}
