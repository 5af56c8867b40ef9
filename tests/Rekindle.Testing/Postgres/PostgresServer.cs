using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace Rekindle.Testing.Postgres;

/// <summary>
/// A private PostgreSQL server for tests: a fresh cluster in a temp folder (in RAM under /dev/shm when there is
/// room), listening on 127.0.0.1 on a free port, so it neither needs nor disturbs a cluster the machine may run
/// on 5432. Each test creates its own database.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    public const string Host = "127.0.0.1";
    public const string Superuser = "postgres";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(50);
    private const int StartAttempts = 3;
    private const long MinimumRamFolderSpace = 2L << 30;

    private readonly PostgresBinaries binaries;
    private readonly NpgsqlDataSource admin;
    private int disposed;

    private PostgresServer(PostgresBinaries binaries, string rootDirectory, int port)
    {
        this.binaries = binaries;
        RootDirectory = rootDirectory;
        Port = port;
        admin = NpgsqlDataSource.Create(ConnectionString("postgres"));
    }

    public int Port { get; }

    /// <summary>Temp folder holding the cluster (data/), its log (server.log) and its Unix socket.</summary>
    public string RootDirectory { get; }

    /// <summary>Time from the call to <see cref="StartAsync"/> until the server accepted a connection.</summary>
    public TimeSpan StartupDuration { get; private set; }

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var binaries = PostgresBinaries.Find();
        var baseDirectory = BaseDirectory();
        await StaleServers.RemoveAsync(baseDirectory, binaries, cancellationToken);

        var root = Directory.CreateDirectory(Path.Combine(baseDirectory, StaleServers.NewFolderName())).FullName;
        PostgresServer? server = null;
        try
        {
            await ServerCommand.HandToServiceAccountAsync(root, cancellationToken);
            var data = Path.Combine(root, "data");
            await RunAsync(binaries.InitDb,
                ["-D", data, "-A", "trust", "-U", Superuser, "--no-sync", "-E", "UTF8", "--locale=C"],
                root, cancellationToken);
            await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), Settings(root), cancellationToken);

            var port = await StartOnFreePortAsync(binaries, root, cancellationToken);
            server = new PostgresServer(binaries, root, port);
            await server.WaitUntilAcceptingAsync(cancellationToken);
            server.StartupDuration = Stopwatch.GetElapsedTime(started);
            return server;
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            else
            {
                await StopAndDeleteAsync(binaries, root, CancellationToken.None);
            }

            throw;
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = Superuser,
            Database = database,
            IncludeErrorDetail = true,
            // Every test database gets its own pool; idle connections are closed quickly so that many
            // databases do not exhaust max_connections by idling.
            ConnectionIdleLifetime = 2,
            ConnectionPruningInterval = 1,
        }.ConnectionString;

    /// <summary>Creates an empty database (a random name unless given) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        name ??= "test_" + Guid.NewGuid().ToString("N");
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a plain lowercase PostgreSQL identifier (a-z, 0-9, _; at most 63).", nameof(name));
        }

        // FILE_COPY copies template1's files instead of writing them all to the WAL: half the time, and the
        // WAL does not grow with every test database.
        await using var command = admin.CreateCommand($"CREATE DATABASE \"{name}\" STRATEGY = FILE_COPY");
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await admin.DisposeAsync();
        await StopAndDeleteAsync(binaries, RootDirectory, CancellationToken.None);
    }

    internal static async Task StopAndDeleteAsync(PostgresBinaries binaries, string root, CancellationToken cancellationToken)
    {
        var data = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            // Immediate: the cluster is thrown away, so there is nothing worth a clean shutdown.
            var stop = await ServerCommand.RunAsServiceAccountAsync(
                binaries.PgCtl, ["stop", "-D", data, "-m", "immediate", "-w", "-t", "20"], root, cancellationToken);
            if (!stop.Succeeded)
            {
                KillPostmaster(data);
            }
        }

        Directory.Delete(root, recursive: true);
    }

    // WHY these settings: tests trade durability for speed. fsync, synchronous commit and full page writes only
    // protect data against a machine crash, and a test cluster is deleted after the run anyway.
    private static string Settings(string root) =>
        $"""

        # Rekindle test server
        listen_addresses = '{Host}'
        unix_socket_directories = '{root.Replace("'", "''", StringComparison.Ordinal)}'
        max_connections = 200
        fsync = off
        synchronous_commit = off
        full_page_writes = off
        """;

    private static async Task<int> StartOnFreePortAsync(PostgresBinaries binaries, string root, CancellationToken cancellationToken)
    {
        var log = Path.Combine(root, "server.log");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var start = await ServerCommand.RunAsServiceAccountAsync(binaries.PgCtl,
                ["start", "-D", Path.Combine(root, "data"), "-l", log, "-w", "-t", "30", "-o", $"-p {port}"],
                root, cancellationToken);
            if (start.Succeeded)
            {
                return port;
            }

            var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log, cancellationToken) : "";
            // The free port can be taken by another process between probing it and the server binding it.
            if (attempt < StartAttempts && serverLog.Contains("could not bind", StringComparison.Ordinal))
            {
                continue;
            }

            throw new InvalidOperationException(
                $"PostgreSQL did not start on port {port}: {start.Output}{Environment.NewLine}{serverLog}");
        }
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await using var connection = await admin.OpenConnectionAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (Stopwatch.GetElapsedTime(started) < ReadyTimeout)
            {
                // Readiness polling: the server is starting and refuses connections until recovery is done.
                await Task.Delay(ReadyPollInterval, cancellationToken);
            }
        }
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, string root, CancellationToken cancellationToken)
    {
        var result = await ServerCommand.RunAsServiceAccountAsync(program, arguments, root, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed with exit code {result.ExitCode}: {result.Output}");
        }
    }

    private static void KillPostmaster(string data)
    {
        try
        {
            var firstLine = File.ReadLines(Path.Combine(data, "postmaster.pid")).FirstOrDefault();
            if (int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                using var postmaster = Process.GetProcessById(pid);
                postmaster.Kill(entireProcessTree: true);
                postmaster.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string BaseDirectory()
    {
        // A cluster in RAM starts about four times faster than on disk (initdb creates ~1,000 files), and a
        // test cluster is thrown away anyway. Small /dev/shm mounts (64 MB in Docker) would fill up, though.
        const string ram = "/dev/shm";
        if (Directory.Exists(ram) && new DriveInfo(ram).AvailableFreeSpace >= MinimumRamFolderSpace)
        {
            return ram;
        }

        // Root hands the folder to the postgres account, which cannot enter a TMPDIR under /root.
        return ServerCommand.RunsAsServiceAccount ? "/tmp" : Path.GetTempPath();
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
