using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Migrations;
using Rekindle.Testing.Postgres;

namespace Rekindle.Storage.Tests.Database;

/// <summary>A fresh, migrated database on either provider, with its group-commit writer.</summary>
public sealed class StorageBackend : IAsyncDisposable
{
    private readonly string? _folder;

    private StorageBackend(RekindleDatabase database, string? folder)
    {
        Database = database;
        _folder = folder;
        Writer = new GroupCommitWriter(database, new GroupCommitOptions(), NullLogger<GroupCommitWriter>.Instance);
    }

    public RekindleDatabase Database { get; }

    public GroupCommitWriter Writer { get; }

    public static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public static async Task<StorageBackend> CreateAsync(string provider, PostgresFixture postgres, bool migrate = true)
    {
        StorageBackend backend;
        if (provider == "Postgres")
        {
            var cs = await postgres.CreateDatabaseAsync();
            backend = new StorageBackend(new RekindleDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = cs }), null);
        }
        else
        {
            var folder = Path.Combine(Path.GetTempPath(), "rekindle-storage-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            backend = new StorageBackend(new RekindleDatabase(new DatabaseOptions
            {
                Provider = DatabaseProvider.Sqlite,
                ConnectionString = $"Data Source={Path.Combine(folder, "test.db")};Pooling=False",
            }), folder);
        }

        if (migrate)
        {
            await new SchemaMigrator(backend.Database, Time).MigrateAsync();
        }

        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
