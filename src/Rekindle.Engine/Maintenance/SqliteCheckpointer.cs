using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rekindle.Storage.Database;

namespace Rekindle.Engine.Maintenance;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file from its own connection, off the
/// group-commit path. A PASSIVE checkpoint never blocks the writer, so commits keep their latency
/// while the WAL stays small. Nothing to do on PostgreSQL.
/// </summary>
public sealed class SqliteCheckpointer(RekindleDatabase database, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Dialect.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        // Real time on purpose: this is housekeeping of the file, not part of any shopper's timeline.
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var connection = await database.OpenAsync(stoppingToken);
                await using var cmd = database.Command(connection, "PRAGMA wal_checkpoint(PASSIVE)");
                await cmd.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "SQLite checkpoint failed; the write-ahead log keeps growing until the next one succeeds");
            }
        }
    }
}
