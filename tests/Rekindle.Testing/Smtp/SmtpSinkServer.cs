using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rekindle.Testing.Smtp;

/// <summary>
/// A real SMTP server for tests: Postfix's smtp-sink on 127.0.0.1 and a free port, writing every message it
/// accepts to a file in a private temporary directory. Needs the postfix package
/// (<c>apt-get install postfix</c>). Dispose kills the server and deletes the directory.
/// </summary>
public sealed class SmtpSinkServer : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/sbin/smtp-sink";

    private const string DumpPrefix = "mail.";
    private const int StartAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    private readonly ConcurrentDictionary<string, ReceivedMail> _received = new(StringComparer.Ordinal);
    private SinkProcess _process;
    private bool _disposed;

    private SmtpSinkServer(SinkProcess process, string dumpDirectory)
    {
        _process = process;
        DumpDirectory = dumpDirectory;
        Port = process.Port;
    }

    public string Host => IPAddress.Loopback.ToString();

    public int Port { get; }

    public string DumpDirectory { get; }

    /// <exception cref="InvalidOperationException">smtp-sink is not installed or does not start.</exception>
    public static async Task<SmtpSinkServer> StartAsync(CancellationToken ct = default)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} not found: the SMTP tests need Postfix's smtp-sink; install postfix: apt-get install postfix");
        }

        var dumpDirectory = CreateDumpDirectory();
        var output = "";
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            // Another process may take the free port before smtp-sink binds it; then pick another.
            var process = SinkProcess.Start(FreePort(), DumpTemplate(dumpDirectory));
            if (await process.WaitUntilListeningAsync(StartTimeout, ct))
            {
                return new SmtpSinkServer(process, dumpDirectory);
            }

            await process.StopAsync();
            output = process.Output;
        }

        TryDeleteDirectory(dumpDirectory);
        throw new InvalidOperationException($"smtp-sink did not start after {StartAttempts} attempts. Its output:\n{output}");
    }

    /// <summary>The messages completely received so far, oldest first (by file time, then file name).</summary>
    public IReadOnlyList<ReceivedMail> ReadAll()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // List first, then ask which files are still open: a file seen closed after being listed is complete.
        var files = Directory.GetFiles(DumpDirectory, DumpPrefix + "*");
        var open = _process.OpenFiles();
        foreach (var file in files)
        {
            if (_received.ContainsKey(file) || open.Contains(file))
            {
                continue;
            }

            byte[] dump;
            DateTimeOffset writtenAt;
            try
            {
                dump = File.ReadAllBytes(file);
                writtenAt = File.GetLastWriteTimeUtc(file);
            }
            catch (FileNotFoundException)
            {
                continue; // an aborted transaction (RSET, lost connection): smtp-sink removes its file
            }

            _received.TryAdd(file, SinkDump.Parse(dump, writtenAt, file));
        }

        return [.. _received.Values.OrderBy(m => m.ReceivedAt).ThenBy(m => m.DumpFile, StringComparer.Ordinal)];
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived and returns all of them.</summary>
    /// <exception cref="TimeoutException">Fewer arrived within <paramref name="timeout"/>.</exception>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var received = ReadAll();
            if (received.Count >= count)
            {
                return received;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"smtp-sink exited after {received.Count} of {count} message(s). Its output:\n{_process.Output}");
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException(
                    $"Expected {count} message(s) within {timeout.TotalSeconds:0.###} s; smtp-sink received {received.Count}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>
    /// Kills smtp-sink and starts it again on the same port, keeping the messages received so far; open
    /// client connections are cut, as when a relay restarts.
    /// </summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _process.StopAsync();
        var process = SinkProcess.Start(Port, DumpTemplate(DumpDirectory));
        if (!await process.WaitUntilListeningAsync(StartTimeout, ct))
        {
            await process.StopAsync();
            throw new InvalidOperationException($"smtp-sink did not restart on port {Port}. Its output:\n{process.Output}");
        }

        _process = process;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _process.StopAsync();
        TryDeleteDirectory(DumpDirectory);
    }

    private static string CreateDumpDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rekindle-smtp-sink-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            // smtp-sink drops root for "nobody" before it writes any dump.
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        }

        return directory;
    }

    // smtp-sink expands the template with strftime(3) and appends a random hex id.
    private static string DumpTemplate(string directory) => Path.Combine(directory, DumpPrefix).Replace("%", "%%");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Leaving a temp directory behind must not fail a test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
