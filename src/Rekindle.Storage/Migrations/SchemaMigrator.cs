using System.Data.Common;
using System.Reflection;
using Rekindle.Storage.Database;

namespace Rekindle.Storage.Migrations;

/// <summary>
/// Brings the schema up to date with numbered SQL scripts embedded per provider
/// (Migrations/Sqlite/0001_x.sql, Migrations/Postgres/0001_x.sql). Each script runs in its own
/// transaction together with its row in schema_migrations, so an upgrade either applies a script
/// whole or not at all, and existing data is kept.
/// </summary>
public sealed class SchemaMigrator(RekindleDatabase database, TimeProvider time)
{
    // Any constant; serialises concurrent migrators on PostgreSQL when several nodes start at once.
    private const long PostgresLockKey = 0x5245_4B49_4E44;

    public static IReadOnlyList<(string Id, string Sql)> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (Id: n[prefix.Length..^4], Sql: Read(assembly, n)))
            .ToList();
    }

    /// <summary>Applies the scripts not applied yet; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var postgres = database.Dialect.Provider == DatabaseProvider.Postgres;
        if (postgres)
        {
            await ExecAsync(connection, null, $"SELECT pg_advisory_lock({PostgresLockKey})", ct);
        }

        try
        {
            await ExecAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)", ct);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var cmd = database.Command(connection, "SELECT id FROM schema_migrations"))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var done = new List<string>();
            foreach (var (id, sql) in Scripts(database.Dialect.Provider))
            {
                if (applied.Contains(id))
                {
                    continue;
                }

                await using var tx = await connection.BeginTransactionAsync(ct);
                await ExecAsync(connection, tx, sql, ct);
                await using (var insert = database.Command(connection,
                    "INSERT INTO schema_migrations (id, applied_at) VALUES (@p0, @p1)", id, time.GetUtcNow().ToString("O")))
                {
                    insert.Transaction = tx;
                    await insert.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
                done.Add(id);
            }

            return done;
        }
        finally
        {
            if (postgres)
            {
                await ExecAsync(connection, null, $"SELECT pg_advisory_unlock({PostgresLockKey})", CancellationToken.None);
            }
        }
    }

    private static async Task ExecAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
