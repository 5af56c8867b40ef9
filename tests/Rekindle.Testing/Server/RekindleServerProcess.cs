using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Rekindle.Testing.Server;

/// <summary>
/// The real Rekindle server as a separate process on a loopback port, for black-box tests: started
/// from the built Rekindle.Server.dll with configuration in environment variables, and killable with
/// SIGKILL to prove what survives a crash.
/// </summary>
public sealed class RekindleServerProcess : IAsyncDisposable
{
    public const string WriteKey = "wk_test_write_key";
    public const string AdminKey = "ak_test_admin_key";

    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public RekindleServerProcess(IReadOnlyDictionary<string, string> settings)
    {
        Port = FreePort.Next();
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Ingestion__WriteKeys__0"] = WriteKey,
            ["Admin__ApiKey"] = AdminKey,
            ["Clock__Adjustable"] = "true",
            ["Orleans__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Engine__PollInterval"] = "00:00:00.200",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__LogToStandardErrorThreshold"] = "Trace",
        };
        foreach (var (k, v) in settings)
        {
            _environment[k] = v;
        }

        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    /// <summary>The running server's process id (for a benchmark reading its memory); null when not started.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The admin key the helpers below send: <see cref="AdminKey"/>, or the one a server generated and printed.</summary>
    public string AdminKeyInUse { get; set; } = AdminKey;

    public HttpClient Http { get; }

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var dll = ServerDll();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var (k, v) in _environment)
        {
            info.Environment[k] = v;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start the Rekindle server");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            await WaitForHealthAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            // A server that never came up must not outlive the test that started it.
            await KillAsync();
            throw;
        }
    }

    private async Task WaitForHealthAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the server did not answer /health in time:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — what a crash or the OOM killer does.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public Task<HttpResponseMessage> PostSegmentAsync(string path, string json) =>
        PostSegmentAsync(path, Encoding.UTF8.GetBytes(json));

    public Task<HttpResponseMessage> PostSegmentAsync(string path, byte[] utf8Json)
    {
        var content = new ByteArrayContent(utf8Json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(WriteKey + ":")));
        return Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKeyInUse);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> AdminJsonAsync(string path)
    {
        using var response = await AdminAsync(HttpMethod.Get, path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task AdvanceClockAsync(TimeSpan by)
    {
        using var response = await AdminAsync(HttpMethod.Post, "/api/dev/clock/advance",
            JsonSerializer.Serialize(new { by = by.ToString("c", System.Globalization.CultureInfo.InvariantCulture) }));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Waits until the engine has applied every stored event (GET /api/engine/status shows no backlog).</summary>
    public Task WaitUntilAppliedAsync(string what = "the engine to apply every stored event", TimeSpan? timeout = null) =>
        WaitUntilAsync(async () => (await AdminJsonAsync("/api/engine/status")).GetProperty("eventsUnprocessed").GetInt64() == 0, what, timeout);

    /// <summary>Polls <paramref name="probe"/> until it returns true; readiness polling, not a sleep.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await probe())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"timed out waiting for {what}; server output:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Http.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string ServerDll()
    {
        // The test project references Rekindle.Server, so the build produced it beside the sources.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Rekindle.Server", "bin", configuration, "net10.0", "Rekindle.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build Rekindle.Server first", dll);
    }
}
