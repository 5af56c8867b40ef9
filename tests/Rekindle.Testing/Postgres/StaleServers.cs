using System.Diagnostics;
using System.Globalization;

namespace Rekindle.Testing.Postgres;

/// <summary>
/// Folders of test servers are named after the process that started them. A test run that was killed never
/// disposed its server, which would keep running and fill the temp folder across CI runs on the same machine;
/// the next start stops and deletes servers whose owning process is gone.
/// </summary>
internal static class StaleServers
{
    public const string FolderPrefix = "rekindle-pg-";

    public static string NewFolderName() =>
        $"{FolderPrefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";

    public static async Task RemoveAsync(string baseDirectory, PostgresBinaries binaries, CancellationToken cancellationToken)
    {
        foreach (var folder in Directory.EnumerateDirectories(baseDirectory, FolderPrefix + "*"))
        {
            if (OwnerIsAlive(Path.GetFileName(folder)))
            {
                continue;
            }

            try
            {
                await PostgresServer.StopAndDeleteAsync(binaries, folder, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Best effort: another run may be cleaning the same folder, or it belongs to another user.
            }
        }
    }

    private static bool OwnerIsAlive(string folderName)
    {
        var parts = folderName[FolderPrefix.Length..].Split('-');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return true; // Not ours to judge.
        }

        try
        {
            using var owner = Process.GetProcessById(pid);
            return !owner.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
