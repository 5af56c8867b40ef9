using System.Diagnostics;
using Rekindle.Testing;

namespace Rekindle.Clients.Tests.Infrastructure;

/// <summary>
/// The npm packages of tests/clients (pinned by its package-lock.json), installed with `npm ci` the first
/// time a test needs them and again whenever the lock file is newer than the installed tree.
/// </summary>
public static class ClientPackages
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>tests/clients in this repository.</summary>
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "tests", "clients");

    public static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            // npm writes node_modules/.package-lock.json on every install: older than the lock file means stale.
            var installed = new FileInfo(Path.Combine(Folder, "node_modules", ".package-lock.json"));
            if (installed.Exists && installed.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json")))
            {
                return;
            }

            var result = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {Folder} failed with exit code {result.ExitCode}:\n{result.Output}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Runs a program in tests/clients and returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeout}:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
