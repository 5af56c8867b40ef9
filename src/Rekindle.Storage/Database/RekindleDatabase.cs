using System.Data.Common;

namespace Rekindle.Storage.Database;

/// <summary>The one database of a Rekindle deployment: opens initialised connections for readers.</summary>
public sealed class RekindleDatabase
{
    public RekindleDatabase(DatabaseOptions options)
    {
        Options = options;
        Dialect = options.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteDialect(options.SqliteSynchronous),
            DatabaseProvider.Postgres => new PostgresDialect(),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "unknown database provider"),
        };
    }

    public DatabaseOptions Options { get; }

    public SqlDialect Dialect { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = Dialect.CreateConnection(Options.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await Dialect.InitializeConnectionAsync(connection, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A command with its parameters bound by name (@p0, @p1, ... in order of <paramref name="args"/>).</summary>
    public DbCommand Command(DbConnection connection, string sql, params object?[] args)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            Dialect.AddParameter(cmd, "@p" + i, args[i]);
        }

        return cmd;
    }
}
