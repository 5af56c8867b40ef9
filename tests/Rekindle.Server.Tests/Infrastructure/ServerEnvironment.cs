using Rekindle.Testing.Postgres;
using Rekindle.Testing.Server;
using Rekindle.Testing.Smtp;

namespace Rekindle.Server.Tests.Infrastructure;

/// <summary>
/// A real server process with its own fresh database (SQLite file in a temp folder, or a new database
/// on the test PostgreSQL server) delivering to a real SMTP server on loopback.
/// </summary>
public sealed class ServerEnvironment : IAsyncDisposable
{
    private readonly string _folder;

    private ServerEnvironment(string folder, SmtpSinkServer smtp, RekindleServerProcess server)
    {
        _folder = folder;
        Smtp = smtp;
        Server = server;
    }

    public SmtpSinkServer Smtp { get; }

    public RekindleServerProcess Server { get; }

    public static async Task<ServerEnvironment> StartAsync(string provider, PostgresFixture postgres, IReadOnlyDictionary<string, string>? extra = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "rekindle-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var smtp = await SmtpSinkServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = provider,
            ["DataDirectory"] = folder,
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__Security"] = "None",
            ["Smtp__From"] = "Rekindle Shop <shop@rekindle.test>",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        if (provider == "Postgres")
        {
            settings["ConnectionStrings__Postgres"] = await postgres.CreateDatabaseAsync();
        }
        else
        {
            settings["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(folder, "rekindle.db")}";
        }

        var environment = new ServerEnvironment(folder, smtp, new RekindleServerProcess(settings));
        try
        {
            await environment.Server.StartAsync();
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }

        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Smtp.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder left behind is harmless
        }
    }
}
