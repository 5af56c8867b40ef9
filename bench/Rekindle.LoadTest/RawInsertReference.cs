using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Rekindle.Core.Events;
using Rekindle.Storage.Database;
using Rekindle.Storage.Events;
using Rekindle.Storage.Migrations;

namespace Rekindle.LoadTest;

/// <summary>
/// The physical reference: the same event rows inserted straight into a fresh Rekindle SQLite database
/// (same schema, same indexes, same durability settings) with one prepared single-row statement,
/// 5,000 rows per transaction. No HTTP, no parsing, no engine: the ceiling for this machine and disk.
/// </summary>
internal static class RawInsertReference
{
    public const int RowsPerTransaction = 5_000;

    public static async Task<double> MeasureAsync(string folder, IReadOnlyList<EventMessage> rows)
    {
        var path = Path.Combine(folder, "reference.db");
        var database = new RekindleDatabase(new DatabaseOptions { ConnectionString = $"Data Source={path}" });
        await new SchemaMigrator(database, TimeProvider.System).MigrateAsync();
        await using var connection = (SqliteConnection)await database.OpenAsync();
        var insert = EventStore.Insert(rows[0]);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = insert.Sql;
        for (var i = 0; i < insert.Args.Length; i++)
        {
            cmd.Parameters.Add(new SqliteParameter("@p" + i, null));
        }

        var watch = Stopwatch.StartNew();
        for (var start = 0; start < rows.Count; start += RowsPerTransaction)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            cmd.Transaction = tx;
            foreach (var row in rows.Skip(start).Take(RowsPerTransaction))
            {
                var args = EventStore.Insert(row).Args;
                for (var i = 0; i < args.Length; i++)
                {
                    database.Dialect.SetValue(cmd.Parameters[i], args[i]);
                }

                await cmd.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
        }

        return rows.Count / watch.Elapsed.TotalSeconds;
    }
}
