using System.Diagnostics;

namespace Rekindle.Testing.Postgres;

/// <summary>Outcome of one finished command: its exit code and stdout and stderr together.</summary>
internal sealed record CommandResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs PostgreSQL's programs. PostgreSQL refuses to run as root (a compromised server would own the machine),
/// and CI runs tests as root, so a root process hands initdb and pg_ctl to the <c>postgres</c> account that
/// Debian's packages create; any other user runs them directly.
/// </summary>
internal static class ServerCommand
{
    public const string ServiceAccount = "postgres";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static bool RunsAsServiceAccount => Environment.IsPrivilegedProcess;

    public static Task<CommandResult> RunAsServiceAccountAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        if (!RunsAsServiceAccount)
        {
            return RunAsync(program, arguments, workingDirectory, cancellationToken);
        }

        string[] wrapped = ["-u", ServiceAccount, "--", program, .. arguments];
        return RunAsync(FindRunuser(), wrapped, workingDirectory, cancellationToken);
    }

    /// <summary>Makes the service account the owner of a folder root created, so the server can write there.</summary>
    public static async Task HandToServiceAccountAsync(string directory, CancellationToken cancellationToken)
    {
        if (!RunsAsServiceAccount)
        {
            return;
        }

        var result = await RunAsync("chown", ["-R", $"{ServiceAccount}:", directory], directory, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Tests run as root, so PostgreSQL must run as the '{ServiceAccount}' account, but giving it " +
                $"{directory} failed (install PostgreSQL: apt-get install postgresql): {result.Output}");
        }
    }

    public static async Task<CommandResult> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run {program}: {e.Message}", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {DefaultTimeout}.");
        }

        return new CommandResult(process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static string FindRunuser()
    {
        // runuser ships with util-linux on every Debian; sbin may be missing from PATH in minimal shells.
        string[] candidates = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "Tests run as root, so PostgreSQL must be started through runuser (util-linux), which is missing.");
    }
}
