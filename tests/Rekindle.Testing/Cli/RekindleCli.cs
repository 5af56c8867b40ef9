using System.Diagnostics;

namespace Rekindle.Testing.Cli;

/// <summary>The rekindle command-line tool run as a user runs it: a separate process (the project must be built).</summary>
public static class RekindleCli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string? adminKey, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [Dll(), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["REKINDLE_ADMIN_KEY"] = adminKey ?? "";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The CLI built beside the sources, in the configuration the calling test project was built in.</summary>
    private static string Dll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Rekindle.Cli", "bin", configuration, "net10.0", "rekindle.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build src/Rekindle.Cli first", dll);
    }
}
