namespace Rekindle.Storage.Database;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database Rekindle keeps its truth in (configuration section "Database").</summary>
public sealed record DatabaseOptions
{
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    public required string ConnectionString { get; init; }

    /// <summary>
    /// SQLite only: <c>FULL</c> fsyncs every group commit (survives power loss), <c>NORMAL</c> survives a
    /// killed process but not a power cut. Group commit makes FULL affordable, so it is the default.
    /// </summary>
    public string SqliteSynchronous { get; init; } = "FULL";
}
