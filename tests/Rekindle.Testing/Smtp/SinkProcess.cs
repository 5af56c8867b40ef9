using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Rekindle.Testing.Smtp;

/// <summary>One running smtp-sink process of a <see cref="SmtpSinkServer"/>.</summary>
internal sealed class SinkProcess
{
    private const int KeptOutputLines = 50;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _greetingName;
    private bool _stopped;

    private SinkProcess(Process process, int port, string greetingName)
    {
        _process = process;
        Port = port;
        _greetingName = greetingName;
    }

    public int Port { get; }

    public bool HasExited => _stopped || _process.HasExited;

    /// <summary>The last lines smtp-sink printed (warnings, fatal errors).</summary>
    public string Output => string.Join('\n', _output);

    public static SinkProcess Start(int port, string dumpTemplate)
    {
        // A name of our own in the greeting tells our server apart from anything else on the port.
        var greetingName = "rekindle-sink-" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        var info = new ProcessStartInfo(SmtpSinkServer.ExecutablePath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Environment.IsPrivilegedProcess)
        {
            // smtp-sink refuses to run as root without a user to switch to.
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add("nobody");
        }

        info.ArgumentList.Add("-h");
        info.ArgumentList.Add(greetingName);
        info.ArgumentList.Add("-d");
        info.ArgumentList.Add(dumpTemplate);
        info.ArgumentList.Add($"{IPAddress.Loopback}:{port}");
        info.ArgumentList.Add("64");

        var process = Process.Start(info)
            ?? throw new InvalidOperationException($"Could not start {SmtpSinkServer.ExecutablePath}.");
        var sink = new SinkProcess(process, port, greetingName);
        process.OutputDataReceived += (_, e) => sink.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => sink.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sink;
    }

    /// <summary>True once our smtp-sink greets on the port; false if it exited or someone else answers.</summary>
    public async Task<bool> WaitUntilListeningAsync(TimeSpan timeout, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (HasExited)
            {
                return false;
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port, ct);
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), ct);
                continue;
            }

            return await GreetsAsOursAsync(client, ct);
        }

        return false;
    }

    /// <summary>The files smtp-sink has open: the dumps of transactions still in progress.</summary>
    public HashSet<string> OpenFiles()
    {
        var open = new HashSet<string>(StringComparer.Ordinal);
        if (HasExited)
        {
            return open;
        }

        try
        {
            foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{_process.Id}/fd"))
            {
                try
                {
                    if (new FileInfo(descriptor).LinkTarget is { } target)
                    {
                        open.Add(target);
                    }
                }
                catch (IOException)
                {
                    // Closed while we looked: that transaction is complete.
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Exited meanwhile: nothing is open any more.
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InvalidOperationException(
                "Cannot read /proc/<smtp-sink>/fd to tell finished dumps from ones still being written " +
                "(running as root without CAP_SYS_PTRACE?).", ex);
        }

        return open;
    }

    /// <summary>Kills the process and removes the dumps of transactions it was in the middle of.</summary>
    public async Task StopAsync()
    {
        if (HasExited)
        {
            _stopped = true;
            return;
        }

        var unfinished = OpenFiles();
        _process.Kill();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await _process.WaitForExitAsync(timeout.Token);
        }

        foreach (var file in unfinished)
        {
            if (Path.GetFileName(file).StartsWith("mail.", StringComparison.Ordinal))
            {
                File.Delete(file);
            }
        }

        _stopped = true;
        _process.Dispose();
    }

    private async Task<bool> GreetsAsOursAsync(TcpClient client, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var greeting = await reader.ReadLineAsync(timeout.Token);
        if (greeting is null || !greeting.StartsWith("220 " + _greetingName + " ", StringComparison.Ordinal))
        {
            return false;
        }

        // A polite QUIT keeps "lost connection" warnings out of the output we show on failures.
        await stream.WriteAsync("QUIT\r\n"u8.ToArray(), timeout.Token);
        await reader.ReadLineAsync(timeout.Token);
        return true;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines && _output.TryDequeue(out _))
        {
        }
    }
}
