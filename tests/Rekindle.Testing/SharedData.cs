namespace Rekindle.Testing;

/// <summary>The external ground truth in ../shared/data beside the repository (real datasets, published values).</summary>
public static class SharedData
{
    public static string File(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Rekindle.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir?.Parent is null)
        {
            throw new InvalidOperationException("cannot find the repository root (Rekindle.slnx) above " + AppContext.BaseDirectory);
        }

        var path = Path.Combine([dir.Parent.FullName, "shared", "data", .. parts]);
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException("shared data file missing (is ../shared beside the repository?)", path);
    }
}
