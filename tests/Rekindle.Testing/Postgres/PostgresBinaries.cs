using System.Diagnostics;
using System.Globalization;

namespace Rekindle.Testing.Postgres;

/// <summary>The folder holding a local PostgreSQL installation's server programs (initdb, pg_ctl, postgres).</summary>
public sealed record PostgresBinaries(string Directory)
{
    /// <summary>Environment variable naming the folder explicitly, for installations outside the usual places.</summary>
    public const string DirectoryVariable = "REKINDLE_PG_BIN";

    private const string DebianRoot = "/usr/lib/postgresql";

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>
    /// Looks in <see cref="DirectoryVariable"/>, then Debian's /usr/lib/postgresql/N/bin (newest N), then
    /// <c>pg_config --bindir</c>, then PATH.
    /// </summary>
    public static PostgresBinaries Find()
    {
        var named = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            return HasServerPrograms(named)
                ? new PostgresBinaries(named)
                : throw new InvalidOperationException(
                    $"{DirectoryVariable}={named} holds no initdb/pg_ctl/postgres. {InstallHint}");
        }

        return Candidates().Where(HasServerPrograms).Select(d => new PostgresBinaries(d)).FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"PostgreSQL server programs (initdb, pg_ctl, postgres) were not found in {DirectoryVariable}, " +
                $"{DebianRoot}/*/bin, `pg_config --bindir` or PATH. {InstallHint}");
    }

    private const string InstallHint =
        "Tests need a local PostgreSQL server: install PostgreSQL: apt-get install postgresql";

    private static IEnumerable<string> Candidates()
    {
        // Debian keeps server programs off PATH, one folder per major version side by side.
        foreach (var folder in DebianVersionFolders())
        {
            yield return folder;
        }

        // Evaluated only when Debian's layout is absent: it starts a process.
        var fromPgConfig = PgConfigBinDirectory();
        if (fromPgConfig is not null)
        {
            yield return fromPgConfig;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return folder;
        }
    }

    private static IEnumerable<string> DebianVersionFolders()
    {
        if (!System.IO.Directory.Exists(DebianRoot))
        {
            return [];
        }

        return System.IO.Directory.EnumerateDirectories(DebianRoot)
            .Select(d => (Folder: d, Version: ParseVersion(Path.GetFileName(d))))
            .Where(v => v.Version is not null)
            .OrderByDescending(v => v.Version)
            .Select(v => Path.Combine(v.Folder, "bin"));
    }

    private static decimal? ParseVersion(string name) =>
        decimal.TryParse(name, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed.
        }
    }

    private static bool HasServerPrograms(string folder) =>
        File.Exists(Path.Combine(folder, "initdb"))
        && File.Exists(Path.Combine(folder, "pg_ctl"))
        && File.Exists(Path.Combine(folder, "postgres"));
}
