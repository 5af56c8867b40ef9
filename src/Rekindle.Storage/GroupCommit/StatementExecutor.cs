using System.Data.Common;
using Npgsql;
using Rekindle.Storage.Database;

namespace Rekindle.Storage.GroupCommit;

/// <summary>
/// Runs a transaction's statements as cheaply as the provider allows: SQLite keeps one prepared
/// statement per SQL text and binds by position; PostgreSQL sends them all in one round trip as a batch.
/// </summary>
internal abstract class StatementExecutor : IDisposable
{
    public static StatementExecutor For(SqlDialect dialect, DbConnection connection) => connection switch
    {
        NpgsqlConnection npgsql => new PostgresExecutor(dialect, npgsql),
        Microsoft.Data.Sqlite.SqliteConnection sqlite => new SqliteRawExecutor(sqlite),
        _ => throw new NotSupportedException($"no statement executor for {connection.GetType().Name}"),
    };

    public abstract Task ExecuteAsync(DbTransaction tx, IEnumerable<SqlStatement> statements, CancellationToken ct);

    public virtual void Dispose()
    {
    }

    private sealed class PostgresExecutor(SqlDialect dialect, NpgsqlConnection connection) : StatementExecutor
    {
        private const int MaxCommandsPerRoundTrip = 2_000;

        public override async Task ExecuteAsync(DbTransaction tx, IEnumerable<SqlStatement> statements, CancellationToken ct)
        {
            var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)tx);
            try
            {
                foreach (var statement in statements)
                {
                    var command = new NpgsqlBatchCommand(statement.Sql);
                    for (var i = 0; i < statement.Args.Length; i++)
                    {
                        var p = new NpgsqlParameter { ParameterName = "p" + i };
                        dialect.SetValue(p, statement.Args[i]);
                        command.Parameters.Add(p);
                    }

                    batch.BatchCommands.Add(command);
                    if (batch.BatchCommands.Count >= MaxCommandsPerRoundTrip)
                    {
                        await batch.ExecuteNonQueryAsync(ct);
                        await batch.DisposeAsync();
                        batch = new NpgsqlBatch(connection, (NpgsqlTransaction)tx);
                    }
                }

                if (batch.BatchCommands.Count > 0)
                {
                    await batch.ExecuteNonQueryAsync(ct);
                }
            }
            finally
            {
                await batch.DisposeAsync();
            }
        }
    }
}
