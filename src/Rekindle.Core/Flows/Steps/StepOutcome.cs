namespace Rekindle.Core.Flows;

/// <summary>Where an instance goes after a step: on to another step, waiting here, or out of the flow.</summary>
public abstract record StepOutcome
{
    /// <summary>Go on at <paramref name="stepId"/> (null: the flow is complete).</summary>
    /// <param name="path">Which way the step went, for the journey and the stats ("then", "timeout", a split path's name).</param>
    public static StepOutcome Next(string? stepId, string? path = null) => new NextStep(stepId, path);

    /// <summary>Wait at this step until <paramref name="wakeAt"/> (null: only an event moves it on).</summary>
    public static StepOutcome Pause(DateTimeOffset? wakeAt, SendTimeWindow? bestTime = null) => new PauseHere(wakeAt, bestTime);

    /// <summary>Leave the flow; the instance's exit reason is "<paramref name="reason"/>:{stepId}".</summary>
    public static StepOutcome Exit(string reason, string? path = null) => new ExitFlow(reason, path);
}

public sealed record NextStep(string? StepId, string? Path) : StepOutcome;

public sealed record PauseHere(DateTimeOffset? WakeAt, SendTimeWindow? BestTime) : StepOutcome;

public sealed record ExitFlow(string Reason, string? Path) : StepOutcome;
