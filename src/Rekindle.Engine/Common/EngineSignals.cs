namespace Rekindle.Engine.Common;

/// <summary>The nudges between the parts of the engine inside one process.</summary>
public sealed class EngineSignals
{
    /// <summary>New events were stored by the ingestion API.</summary>
    public Wakeup EventsStored { get; } = new();

    /// <summary>A timer was scheduled or the clock moved.</summary>
    public Wakeup TimersChanged { get; } = new();

    /// <summary>A message was queued in the outbox.</summary>
    public Wakeup MessagesQueued { get; } = new();
}
