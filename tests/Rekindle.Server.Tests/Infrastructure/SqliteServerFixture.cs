using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Infrastructure;

/// <summary>
/// One real server process per test class, on a fresh SQLite file and without SMTP (so outgoing mail
/// lands in the dev mailbox). Enough for API-contract tests, which do not depend on the storage engine.
/// </summary>
public class SqliteServerFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rekindle-api-" + Guid.NewGuid().ToString("N"));
    private RekindleServerProcess? _server;

    public RekindleServerProcess Server => _server ?? throw new InvalidOperationException("the server has not been started");

    /// <summary>The server's SQLite file, for tests that check what was stored row by row.</summary>
    public string DatabasePath => Path.Combine(_folder, "rekindle.db");

    /// <summary>Settings of a server on a SQLite file in <paramref name="folder"/>, with no Smtp__* settings.</summary>
    public static Dictionary<string, string> SqliteSettings(string folder) => new()
    {
        ["Database__Provider"] = "Sqlite",
        ["DataDirectory"] = folder,
        ["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(folder, "rekindle.db")}",
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var settings = SqliteSettings(_folder);
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        _server = new RekindleServerProcess(settings);
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder left behind is harmless
        }
    }

    protected virtual IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>();
}

/// <summary>
/// A server that logs at the level a real deployment does (appsettings.json: Information), so tests can
/// check what an operator's console would show.
/// </summary>
public sealed class ProductionLoggingServerFixture : SqliteServerFixture
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Information",
    };
}
