using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Rekindle.Testing.Server;

namespace Rekindle.Testing.Webhooks;

/// <summary>A request the receiver got, as it arrived on the wire.</summary>
public sealed record ReceivedWebhook(string Method, string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"no header {name}");

    /// <summary>
    /// What a receiver does with the flow's secret, written here from the documented rule (not with Rekindle's code):
    /// HMAC-SHA256 over "{X-Rekindle-Timestamp}.{body}", keyed with the secret's UTF-8 bytes, as "sha256=" and hex.
    /// </summary>
    public bool SignatureVerifies(string secret)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(Header("X-Rekindle-Timestamp") + "." + Body)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Header("X-Rekindle-Signature")));
    }
}

/// <summary>
/// A webhook receiver on 127.0.0.1 (HttpListener): records every request and answers with the scripted statuses in
/// order (an optional Retry-After with each), then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _script;
    private readonly Task _loop;

    private WebhookReceiver((int Status, string? RetryAfter)[] script)
    {
        _script = new ConcurrentQueue<(int, string?)>(script);
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/hooks/orders";

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static WebhookReceiver Start(params int[] statuses) => new([.. statuses.Select(s => (s, (string?)null))]);

    public static WebhookReceiver Start(params (int Status, string? RetryAfter)[] script) => new(script);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            _received.Enqueue(new ReceivedWebhook(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, headers, body));
            var (status, retryAfter) = _script.TryDequeue(out var next) ? next : (200, null);
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.AddHeader("Retry-After", retryAfter);
            }

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
