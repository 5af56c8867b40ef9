using System.Net;
using System.Text;
using Rekindle.Testing.Server;

namespace Rekindle.Clients.Tests.Infrastructure;

/// <summary>
/// A shop's web page on its own origin (http://localhost:PORT, while Rekindle listens on 127.0.0.1), so
/// the browser treats every call to Rekindle as cross-origin. It serves one HTML page and the Analytics
/// Next bundle from the npm package, as a shop would self-host it.
/// </summary>
public sealed class PageHost : IAsyncDisposable
{
    private const string Page = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Shop</title><script src="/analytics-next.js"></script></head>
        <body><h1>Shop</h1></body></html>
        """;

    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public PageHost()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"{Origin}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Origin => $"http://localhost:{Port}";

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var (status, type, body) = context.Request.Url?.AbsolutePath switch
            {
                "/" => (200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(Page)),
                "/analytics-next.js" => (200, "text/javascript",
                    await File.ReadAllBytesAsync(Path.Combine(ClientPackages.Folder, "node_modules", "@segment", "analytics-next", "dist", "umd", "index.js"))),
                _ => (404, "text/plain", Encoding.UTF8.GetBytes("not found")),
            };
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
