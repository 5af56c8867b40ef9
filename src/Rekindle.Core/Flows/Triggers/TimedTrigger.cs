using Rekindle.Core.Contacts;
using Rekindle.Core.Events;

namespace Rekindle.Core.Flows.Triggers;

/// <summary>
/// A trigger fired by a timer rather than by an event: at most one timer per (contact, flow), armed, moved and fired
/// through these three pure decisions. The engine holds which timer is armed (its due time) and maps the answers to
/// rows; nothing here reads a clock.
/// </summary>
public abstract record TimedTrigger : FlowTrigger
{
    /// <summary>What an applied event does to the contact's timer for this flow.</summary>
    /// <param name="armedAt">When the armed timer falls due; null when none is armed.</param>
    public abstract TimerPlan OnApplied(ContactProfile before, ContactProfile after, DateTimeOffset? armedAt, TriggerClock clock);

    /// <summary>
    /// Where to arm the timer of a contact that has none (a flow saved after the contact's last event: the backfill);
    /// null when the contact does not qualify.
    /// </summary>
    public abstract DateTimeOffset? ArmFor(ContactProfile profile, TriggerClock clock);

    /// <summary>The timer due at <paramref name="dueAt"/> fired: start an instance, re-arm, both or neither.</summary>
    /// <param name="timerId">Unique per firing: the start event's id.</param>
    public abstract TimerFired OnTimer(string timerId, DateTimeOffset dueAt, ContactProfile profile, TriggerClock clock);
}

/// <summary>The engine's time and the shop's default time zone (<c>Flows:DefaultTimeZone</c>).</summary>
public sealed record TriggerClock(DateTimeOffset Now, TimeZoneInfo DefaultZone);

/// <summary>What to do with a contact's timer for one flow.</summary>
/// <param name="Change">False: leave it as it is (armed or not).</param>
/// <param name="ArmAt">With <paramref name="Change"/>: the new due time (replacing any armed timer), or null to disarm.</param>
public sealed record TimerPlan(bool Change, DateTimeOffset? ArmAt)
{
    public static TimerPlan Keep { get; } = new(false, null);

    public static TimerPlan Arm(DateTimeOffset at) => new(true, at);

    public static TimerPlan Disarm { get; } = new(true, null);
}

/// <summary>A fired trigger timer's outcome.</summary>
/// <param name="Start">The event to start an instance with (re-entry still decides), or null.</param>
/// <param name="RearmAt">When to arm the next timer, or null for none.</param>
public sealed record TimerFired(EventMessage? Start, DateTimeOffset? RearmAt);
