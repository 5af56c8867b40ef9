using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Rekindle.Storage.Database;

/// <summary>SQLite: times as unix milliseconds, money as REAL, JSON as TEXT.</summary>
public sealed class SqliteDialect(string synchronous = "FULL") : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    public override async Task InitializeConnectionAsync(DbConnection connection, CancellationToken ct)
    {
        // WAL lets readers (API, pumps) run beside the single group-commit writer; busy_timeout covers
        // the short moments when two writers (migrator, settings) meet.
        // wal_autocheckpoint=0: the checkpoint would otherwise run inside whichever commit crosses the
        // threshold, stalling every caller waiting on that group commit; the engine checkpoints in the
        // background instead (SqliteCheckpointer).
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=10000; " +
            "PRAGMA foreign_keys=OFF; PRAGMA wal_autocheckpoint=0;";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override void SetValue(DbParameter parameter, object? value) => parameter.Value = ToStored(value) ?? DBNull.Value;

    /// <summary>A Rekindle value as SQLite stores it: null, long, double, string or byte[].</summary>
    public static object? ToStored(object? value) => value switch
    {
        null => null,
        DateTimeOffset t => t.ToUnixTimeMilliseconds(),
        decimal d => (double)d,
        JsonText j => j.Value,
        bool b => b ? 1L : 0L,
        int i => (long)i,
        _ => value,
    };

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public override decimal ReadMoney(DbDataReader reader, int ordinal) =>
        Math.Round((decimal)reader.GetDouble(ordinal), 4);

    public override object TimeValue(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
