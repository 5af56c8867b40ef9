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

/// <summary>The instance after a run, and the effects of that run in the order they happened.</summary>
/// <remarks>A run that did nothing (an early or repeated wake-up) returns the instance unchanged and no effects.</remarks>
public sealed record FlowStepResult(FlowInstance Instance, ImmutableArray<FlowEffect> Effects);

/// <summary>
/// The exit reasons the interpreter writes, stable so that reports can group on them. Reasons that name a
/// step are "prefix:stepId".
/// </summary>
public static class FlowExitReasons
{
    /// <summary>An exit step ran: "exit-step:{stepId}".</summary>
    public const string ExitStep = "exit-step";

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
