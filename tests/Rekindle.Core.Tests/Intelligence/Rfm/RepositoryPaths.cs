using Rekindle.Testing;

namespace Rekindle.Core.Tests.Intelligence.Rfm;

internal static class RepositoryPaths
{
    /// <summary>The shared data folder beside the repository (../shared/data).</summary>
    public static string SharedData(params string[] parts) =>
        Path.GetFullPath(Path.Combine([RepositoryRoot.Path, "..", "shared", "data", .. parts]));
}
