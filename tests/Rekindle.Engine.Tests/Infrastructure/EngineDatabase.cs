using Microsoft.Data.Sqlite;
using Rekindle.Storage.Database;
using Rekindle.Storage.Flows;
using Rekindle.Storage.Migrations;

namespace Rekindle.Engine.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated SQLite database in a temp folder. It outlives the hosts started on it, so a test
/// can stop one engine and start another on the same data (a restart).
/// </summary>
public sealed class EngineDatabase : IDisposable
{
    private readonly string _folder;

    private EngineDatabase(string folder, DatabaseOptions options)
    {
        _folder = folder;
        Options = options;
    }

    public DatabaseOptions Options { get; }

    public static async Task<EngineDatabase> CreateAsync(TimeProvider time, params string[] flows)
    {
        var folder = Path.Combine(Path.GetTempPath(), "rekindle-engine-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(folder, "rekindle.db")};Pooling=True",
            // Surviving a power cut is not under test here; NORMAL keeps the many small commits cheap.
            SqliteSynchronous = "NORMAL",
        };
        var database = new RekindleDatabase(options);
        await new SchemaMigrator(database, time).MigrateAsync();
        var store = new FlowStore(database);
        foreach (var json in flows)
        {
            var id = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
            await store.SaveFlowAsync(id, id, json, time.GetUtcNow(), CancellationToken.None);
        }

        return new EngineDatabase(folder, options);
    }

    /// <summary>A database a test prepared itself (already migrated); disposing deletes <paramref name="folder"/>.</summary>
    public static EngineDatabase Existing(string folder, DatabaseOptions options) => new(folder, options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test over.
        }
    }
}
