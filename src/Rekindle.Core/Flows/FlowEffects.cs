using System.Collections.Immutable;
using Rekindle.Core.Messaging;

namespace Rekindle.Core.Flows;

/// <summary>
/// Something the engine must do because an instance moved on. Effects are data: the grain persists them
/// with the instance in one transaction (timer row, outbox row) and carries them out afterwards.
/// </summary>
public abstract record FlowEffect;

/// <summary>Resume the instance at <paramref name="At"/> (it is also the instance's <see cref="FlowInstance.WakeAt"/>).</summary>
/// <param name="BestTime">
/// Set for a wait that ends at the contact's best send time: <paramref name="At"/> is then the earliest moment, and
/// the engine picks the time in [At, At + Within] (which needs the contact's engagement history, hence not here)
/// and records it as the instance's wake-up.
/// </param>
public sealed record ScheduleWake(DateTimeOffset At, SendTimeWindow? BestTime = null) : FlowEffect;

/// <summary>
/// Send a message on a channel: the engine hands <paramref name="Content"/> to the composer registered for its channel
/// (rendering, consent check) and queues the result in the outbox, in the same transaction as the instance.
/// </summary>
/// <param name="StepId">The step that sends it: the outbox row names it, and engagement conditions ask about it.</param>
public sealed record SendMessage(string StepId, MessageContent Content) : FlowEffect
{
    public string Channel => Content.Channel;
}

/// <summary>
/// Issue the contact a code from a coupon campaign for this journey (the same code any later email of the journey naming
/// the campaign shows).
/// </summary>
public sealed record IssueCoupon(string StepId, string Campaign) : FlowEffect;

/// <summary>One step an instance went through, for its journey and the flow's stats.</summary>
/// <param name="Path">Which way it went when the step branches ("then", "timeout", a split path's name); null otherwise.</param>
/// <param name="Outcome">"next", "waiting", "exited", "completed" or "converted".</param>
/// <param name="Resumed">
/// The instance was already at this step (waiting) and moves on from it now; false when it arrives. Counting arrivals
/// gives how many entered a step.
/// </param>
public sealed record StepVisit(string StepId, DateTimeOffset At, string Outcome, string? Path = null, bool Resumed = false);

/// <summary>The instance after a run, and the effects of that run in the order they happened.</summary>
/// <remarks>A run that did nothing (an early or repeated wake-up, an event nobody waits for) returns the instance unchanged, no effects, no visits.</remarks>
public sealed record FlowStepResult(FlowInstance Instance, ImmutableArray<FlowEffect> Effects)
{
    /// <summary>The steps the run went through, in order.</summary>
    public ImmutableArray<StepVisit> Visits { get; init; } = [];

    /// <summary>The contact's profile when a step changed it (a trait, a tag): the engine stores it; null otherwise.</summary>
    public Contacts.ContactProfile? Profile { get; init; }

    // ImmutableArray compares by reference; two runs on the same input must compare equal.
    public bool Equals(FlowStepResult? other) =>
        other is not null && Instance == other.Instance && Profile == other.Profile
        && Effects.AsSpan().SequenceEqual(other.Effects.AsSpan()) && Visits.AsSpan().SequenceEqual(other.Visits.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Instance, Effects.Length, Visits.Length);

    /// <summary>Whether the run changed anything at all.</summary>
    public bool Changed(FlowInstance before) => Instance != before || Effects.Length > 0 || Profile is not null;
}

/// <summary>
/// The exit reasons the interpreter writes, stable so that reports can group on them. Reasons that name a
/// step are "prefix:stepId".
/// </summary>
public static class FlowExitReasons
{
    /// <summary>An exit step ran: "exit-step:{stepId}".</summary>
    public const string ExitStep = "exit-step";

    /// <summary>A split or random split took a path that leads nowhere: "split:{stepId}".</summary>
    public const string SplitBranch = "split";

    /// <summary>A wait until a date trait found no date in the trait: "no-date:{stepId}".</summary>
    public const string NoDate = "no-date";

    /// <summary>A goal event arrived (the instance is converted): "goal:{event}".</summary>
    public const string Goal = "goal";

    /// <summary>A condition took a branch that leads nowhere: "condition-true:{stepId}" or "condition-false:{stepId}".</summary>
    public const string ConditionTrue = "condition-true";

    public const string ConditionFalse = "condition-false";

    /// <summary>The instance points at a step the definition no longer has (edited flow): "missing-step:{stepId}".</summary>
    public const string MissingStep = "missing-step";

    /// <summary>A wake-up found the instance at a step that is no longer a wait (edited flow): "not-waiting:{stepId}".</summary>
    public const string NotWaiting = "not-waiting";

    /// <summary>One run executed <see cref="FlowInterpreter.MaxStepsPerRun"/> steps without pausing: "step-limit:{stepId}".</summary>
    public const string StepLimit = "step-limit";

    /// <summary>
    /// A flow triggered by cart events reached a send step with the contact's cart empty (emptied, or ordered and
    /// cleared, since the trigger): "cart-empty:{stepId}". There is nothing left to remind the shopper of.
    /// </summary>
    public const string CartEmpty = "cart-empty";

    public static string For(string reason, string stepId) => $"{reason}:{stepId}";
}
