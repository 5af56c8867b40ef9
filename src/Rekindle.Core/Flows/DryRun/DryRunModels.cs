using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Conditions;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Messaging;

namespace Rekindle.Core.Flows.DryRun;

/// <summary>What to simulate: one contact going through one flow, from <paramref name="Start"/> on.</summary>
/// <param name="Profile">The contact as it is before <paramref name="Start"/> (the simulator applies earlier <see cref="Events"/> to it).</param>
/// <param name="Trigger">
/// The event that starts the journey; null: one is made up (see <see cref="FlowSimulator.SyntheticTrigger"/>).
/// </param>
/// <param name="Events">What the contact does, at any time: those before <paramref name="Start"/> are history.</param>
public sealed record DryRunInput(FlowDefinition Flow, ContactProfile Profile, DateTimeOffset Start, EventMessage? Trigger, IReadOnlyList<EventMessage> Events)
{
    /// <summary>The time zone of a contact without a usable <c>timezone</c> trait (Flows:DefaultTimeZone).</summary>
    public TimeZoneInfo DefaultTimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>How far past the start to simulate; at most <see cref="FlowSimulator.MaxHorizon"/>.</summary>
    public TimeSpan Horizon { get; init; } = FlowSimulator.DefaultHorizon;

    public ContactScores? Scores { get; init; }

    /// <summary>The contact's stored events and messages (an existing contact); the simulated ones are added to it.</summary>
    public ContactHistory? History { get; init; }
}

/// <summary>The journey the contact would take, with nothing sent or stored.</summary>
/// <param name="Trigger">The event the journey started with.</param>
/// <param name="SyntheticTrigger">The trigger was made up by the simulator, not given.</param>
/// <param name="Path">Every step visited, in order, with its time, outcome and the way it went.</param>
/// <param name="Profile">The contact at the end of the simulation.</param>
public sealed record DryRunResult(
    string InstanceId,
    DateTimeOffset Start,
    DateTimeOffset HorizonEnd,
    EventMessage Trigger,
    bool SyntheticTrigger,
    ImmutableArray<StepVisit> Path,
    ImmutableArray<DryRunWait> Waits,
    ImmutableArray<DryRunMessage> Messages,
    ImmutableArray<DryRunCoupon> Coupons,
    ImmutableArray<DryRunProfileChange> ProfileChanges,
    ImmutableArray<DryRunEventOutcome> Events,
    DryRunEnd End,
    ContactProfile Profile);

/// <summary>A pause at a step.</summary>
/// <param name="Until">When the wait was due to end (a timeout, a time); null: only an event ends it.</param>
/// <param name="BestTime">
/// The wait ends at the contact's best send time within this window: the engine picks the hour from the contact's
/// engagement; the simulation takes the window's start (<paramref name="Until"/>).
/// </param>
/// <param name="EndedAt">When it ended; null when the simulation stopped first.</param>
/// <param name="EndedBy">"timer", "event:{name}", "goal:{name}", or null when it had not ended.</param>
public sealed record DryRunWait(
    string StepId, string StepType, DateTimeOffset From, DateTimeOffset? Until, SendTimeWindow? BestTime, DateTimeOffset? EndedAt, string? EndedBy);

/// <summary>A message a step would send, with the contact as it would be rendered against.</summary>
public sealed record DryRunMessage(string StepId, DateTimeOffset At, MessageContent Content, ContactProfile Profile)
{
    public string Channel => Content.Channel;
}

/// <summary>A coupon an issueCoupon step would issue.</summary>
public sealed record DryRunCoupon(string StepId, string Campaign, DateTimeOffset At);

/// <summary>What a step changed in the profile (setAttribute, tags).</summary>
/// <param name="Traits">The traits set (their new JSON values) or removed (null).</param>
public sealed record DryRunProfileChange(
    DateTimeOffset At, string? StepId, ImmutableSortedDictionary<string, JsonElement?> Traits, ImmutableArray<string> TagsAdded, ImmutableArray<string> TagsRemoved);

/// <summary>What became of a described event.</summary>
/// <param name="Outcome">
/// "history" (before the start), "moved" (the journey went on because of it), "applied" (the profile took it, the
/// journey did not move), "after-end" (the journey was over) or "beyond-horizon".
/// </param>
public sealed record DryRunEventOutcome(string Event, DateTimeOffset At, string Outcome);

/// <summary>How the simulation ended.</summary>
/// <param name="Status">"completed", "exited", "converted", "waiting" (still in the flow when the simulation stopped) or "not-started".</param>
/// <param name="Reason">The exit reason; for "waiting": "horizon", "run-limit" or "no-wake-up"; for "not-started" why.</param>
/// <param name="StepId">Where the journey ended or waits.</param>
public sealed record DryRunEnd(string Status, string? Reason, DateTimeOffset At, string? StepId);
