namespace Rekindle.Storage.GroupCommit;

public sealed record GroupCommitOptions
{
    /// <summary>Most statements one transaction takes; a larger backlog is committed in several.</summary>
    public int MaxStatementsPerCommit { get; init; } = 20_000;

    /// <summary>Units waiting beyond this make writers wait: back-pressure instead of unbounded memory.</summary>
    public int MaxQueuedUnits { get; init; } = 50_000;
}
