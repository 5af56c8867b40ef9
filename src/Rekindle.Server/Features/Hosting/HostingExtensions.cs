using Rekindle.Engine;
using Rekindle.Engine.Flows;
using Rekindle.Storage.Database;
using Rekindle.Storage.Migrations;

namespace Rekindle.Server.Features.Hosting;

public static class HostingExtensions
{
    /// <summary>
    /// Database:Provider (Sqlite | Postgres) with ConnectionStrings:Sqlite / ConnectionStrings:Postgres.
    /// With nothing configured, a SQLite file under ./data is created on first start.
    /// </summary>
    public static WebApplicationBuilder AddRekindleStorageAndEngine(this WebApplicationBuilder builder)
    {
        builder.AddRekindleEngine(ReadDatabaseOptions(builder.Configuration));
        return builder;
    }

    public static DatabaseOptions ReadDatabaseOptions(IConfiguration config)
    {
        var providerText = config["Database:Provider"] ?? "Sqlite";
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider is '{providerText}'; expected 'Sqlite' or 'Postgres'.");
        }

        var connectionString = config.GetConnectionString(provider.ToString());
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Postgres is empty; set it, e.g. " +
                    "ConnectionStrings__Postgres=\"Host=localhost;Database=rekindle;Username=rekindle;Password=...\".");
            }

            var dataDir = Path.GetFullPath(config["DataDirectory"] ?? "data");
            Directory.CreateDirectory(dataDir);
            connectionString = $"Data Source={Path.Combine(dataDir, "rekindle.db")};Pooling=True";
        }

        return new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = connectionString,
            SqliteSynchronous = config["Database:SqliteSynchronous"] ?? "FULL",
        };
    }

    /// <summary>Runs before the server listens: schema migrations, generated keys, then the flows the engine needs.</summary>
    public static async Task PrepareRekindleAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<RekindleDatabase>();
        app.Logger.LogInformation("Database: {Database}", Describe(database.Options));
        var migrator = new SchemaMigrator(app.Services.GetRequiredService<RekindleDatabase>(), app.Services.GetRequiredService<Rekindle.Engine.Clock.AdjustableClock>());
        var applied = await migrator.MigrateAsync();
        if (applied.Count > 0)
        {
            app.Logger.LogInformation("Database schema migrated: {Migrations}", string.Join(", ", applied));
        }

        await app.Services.GetRequiredService<Security.KeyRegistry>().InitializeAsync(CancellationToken.None);
        await app.Services.GetRequiredService<Rekindle.Engine.Tracking.EmailTracking>().InitializeAsync(CancellationToken.None);
        await app.Services.GetRequiredService<FlowCatalog>().RefreshAsync(CancellationToken.None);
    }

    /// <summary>Where the data is, without the password a connection string may hold.</summary>
    private static string Describe(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            return "SQLite at " + Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource);
        }

        var pg = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
        return $"PostgreSQL database '{pg.Database}' on {pg.Host}:{pg.Port}";
    }
}
