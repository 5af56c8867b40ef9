using System.Diagnostics;

namespace Rekindle.Server.Tests.Readme;

/// <summary>Runs a piece of shell as a reader pastes it into bash, in a given folder with given variables.</summary>
public static class BashScript
{
    /// <summary>
    /// Stops at the first failing command, as a reader would, and makes curl fail on an HTTP error status: the
    /// README's commands use plain <c>curl -s</c>, which a reader checks by eye, and the test must not take a 4xx
    /// body for success.
    /// </summary>
    private const string Prelude = """
        set -euo pipefail
        curl() { command curl --fail-with-body --show-error "$@"; }

        """;

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string code, string workingDirectory, IReadOnlyDictionary<string, string> variables, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("bash", ["-c", Prelude + code])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in variables)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the commands did not finish within {timeout}:\n{code}\nstdout:\n{await output}\nstderr:\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
