using System.Data.Common;

namespace Rekindle.Storage.Database;

/// <summary>
/// The few places where SQLite and PostgreSQL differ for Rekindle's hand-written SQL: how times, JSON
/// and money are bound and read. Everything else (ON CONFLICT upserts, partial indexes, @names) is the
/// same SQL on both.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Runs once on every new connection (pragmas, session settings).</summary>
    public virtual Task InitializeConnectionAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Adds a parameter, converting Rekindle's value types to what the column holds.</summary>
    public void AddParameter(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        SetValue(p, value);
        command.Parameters.Add(p);
    }

    public abstract void SetValue(DbParameter parameter, object? value);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public DateTimeOffset? ReadTimeOrNull(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    public abstract decimal ReadMoney(DbDataReader reader, int ordinal);

    /// <summary>A time as this dialect stores it (for building query arguments).</summary>
    public abstract object TimeValue(DateTimeOffset time);
}

/// <summary>A JSON document to bind into a JSON column (jsonb on PostgreSQL, TEXT on SQLite).</summary>
public readonly record struct JsonText(string Value);
