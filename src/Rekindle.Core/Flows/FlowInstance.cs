namespace Rekindle.Core.Flows;

public enum FlowInstanceStatus
{
    /// <summary>Waiting for a wake-up (<see cref="FlowInstance.WakeAt"/>).</summary>
    Active,

    /// <summary>Ran off the end of the flow (a null "next").</summary>
    Completed,

    /// <summary>Left early: an exit step, a condition branch leading nowhere, or a fault (see <see cref="FlowInstance.ExitReason"/>).</summary>
    Exited,

    /// <summary>Reached one of the flow's goals (<see cref="FlowGoal"/>): the journey did its job.</summary>
    Converted,
}

/// <summary>
/// One contact's journey through one flow: a row the engine persists and hands back to the interpreter.
/// </summary>
public sealed record FlowInstance
{
    public required string Id { get; init; }

    public required string FlowId { get; init; }

    public required string ContactId { get; init; }

    public required FlowInstanceStatus Status { get; init; }

    /// <summary>
    /// While active, the step the instance waits at; once ended, the last step it executed (or the
    /// step it could not find).
    /// </summary>
    public required string CurrentStepId { get; init; }

    /// <summary>The trigger event's corrected timestamp; "since the flow started" conditions compare against it.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When a waiting instance is due to resume; null when not waiting.</summary>
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>The message id of the event that started the instance.</summary>
    public required string TriggerMessageId { get; init; }

    /// <summary>When the interpreter last changed the instance (engine time).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Why an exited instance left; see <see cref="FlowExitReasons"/>.</summary>
    public string? ExitReason { get; init; }

    /// <summary>The re-entry key it was started with (a <c>perKey</c> flow: the trigger's order id, cart id...); else null.</summary>
    public string? EntryKey { get; init; }
}

/// <summary>What an instance's trigger-time history looks like for the re-entry policy.</summary>
/// <param name="HasActiveInstance">An instance of this flow is active for the contact.</param>
/// <param name="HasEverStarted">An instance of this flow ever started for the contact (active or ended).</param>
/// <param name="LastStartedAt">The latest <see cref="FlowInstance.StartedAt"/> of the contact's instances of this flow (oncePer).</param>
/// <param name="ActiveKeys">The <see cref="FlowInstance.EntryKey"/>s of the contact's active instances of this flow (perKey).</param>
public sealed record FlowHistory(
    bool HasActiveInstance, bool HasEverStarted, DateTimeOffset? LastStartedAt = null, IReadOnlySet<string>? ActiveKeys = null)
{
    /// <summary>The contact never entered the flow.</summary>
    public static FlowHistory None { get; } = new(false, false);
}
