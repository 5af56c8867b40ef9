using System.CommandLine;
using System.Net.Http.Headers;

namespace Rekindle.Cli.Common;

/// <summary>Where the server is and the admin key to use: options, or REKINDLE_SERVER / REKINDLE_ADMIN_KEY.</summary>
internal sealed class ServerOptions
{
    public Option<string> Server { get; } = new("--server")
    {
        Description = "Base address of the Rekindle server (default: $REKINDLE_SERVER or http://localhost:5080)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("REKINDLE_SERVER") ?? "http://localhost:5080",
    };

    public Option<string?> AdminKey { get; } = new("--admin-key")
    {
        Description = "Admin API key the server printed on first start (default: $REKINDLE_ADMIN_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("REKINDLE_ADMIN_KEY"),
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(AdminKey);
    }

    /// <summary>An HTTP client for the server, or null with the reason written to stderr.</summary>
    public HttpClient? CreateClient(ParseResult parse)
    {
        var key = parse.GetValue(AdminKey);
        if (string.IsNullOrWhiteSpace(key))
        {
            Console.Error.WriteLine("error: no admin key: pass --admin-key or set REKINDLE_ADMIN_KEY (the server prints it on first start)");
            return null;
        }

        if (!Uri.TryCreate(parse.GetValue(Server), UriKind.Absolute, out var server))
        {
            Console.Error.WriteLine($"error: --server '{parse.GetValue(Server)}' is not an absolute URL like http://localhost:5080");
            return null;
        }

        var client = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
