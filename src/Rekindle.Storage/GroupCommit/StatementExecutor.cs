using System.Data.Common;
using Npgsql;
using Rekindle.Storage.Database;

namespace Rekindle.Storage.GroupCommit;

/// <summary>
/// Runs a transaction's statements as cheaply as the provider allows: SQLite keeps one prepared
/// command per SQL text and rebinds it; PostgreSQL sends them all in one round trip as a batch.
/// </summary>
internal abstract class StatementExecutor : IDisposable
{
    public static StatementExecutor For(SqlDialect dialect, DbConnection connection) =>
        connection is NpgsqlConnection npgsql
            ? new PostgresExecutor(dialect, npgsql)
            : new PreparedExecutor(dialect, connection);

    public abstract Task ExecuteAsync(DbTransaction tx, IEnumerable<SqlStatement> statements, CancellationToken ct);

    public virtual void Dispose()
    {
    }

    private sealed class PreparedExecutor(SqlDialect dialect, DbConnection connection) : StatementExecutor
    {
        private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

        public override async Task ExecuteAsync(DbTransaction tx, IEnumerable<SqlStatement> statements, CancellationToken ct)
        {
            foreach (var statement in statements)
            {
                var cmd = Prepare(statement);
                cmd.Transaction = tx;
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        private DbCommand Prepare(SqlStatement statement)
        {
            if (!_commands.TryGetValue(statement.Sql, out var cmd) || cmd.Parameters.Count != statement.Args.Length)
            {
                cmd?.Dispose();
                cmd = connection.CreateCommand();
                cmd.CommandText = statement.Sql;
                for (var i = 0; i < statement.Args.Length; i++)
                {
                    var p = cmd.CreateParameter();
                    p.ParameterName = "@p" + i;
                    cmd.Parameters.Add(p);
                }

                _commands[statement.Sql] = cmd;
            }

            for (var i = 0; i < statement.Args.Length; i++)
            {
                dialect.SetValue(cmd.Parameters[i], statement.Args[i]);
            }

            return cmd;
        }

        public override void Dispose()
        {
            foreach (var cmd in _commands.Values)
            {
                cmd.Dispose();
            }

            _commands.Clear();
        }
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
