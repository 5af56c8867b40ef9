namespace Rekindle.Core.Tests.Intelligence.Rfm;

internal static class RepositoryPaths
{
    /// <summary>The folder holding Rekindle.slnx, found by walking up from the test binaries.</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rekindle.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Rekindle.slnx) above " + AppContext.BaseDirectory);
    }

    /// <summary>The shared data folder beside the repository (../shared/data).</summary>
    public static string SharedData(params string[] parts) =>
        Path.GetFullPath(Path.Combine([Root(), "..", "shared", "data", .. parts]));
}
