namespace Rekindle.Storage.GroupCommit;

/// <summary>One SQL statement with positional arguments bound as @p0, @p1, ...</summary>
public sealed record SqlStatement(string Sql, params object?[] Args);
