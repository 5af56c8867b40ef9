namespace Rekindle.Testing;

/// <summary>The external ground truth in ../shared/data beside the repository (real datasets, published values).</summary>
public static class SharedData
{
    public static string File(params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine([RepositoryRoot.Path, "..", "shared", "data", .. parts]));
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException("shared data file missing (is ../shared beside the repository?)", path);
    }
}
