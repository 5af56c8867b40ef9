using System.Diagnostics;
using System.Net;
using System.Text;

namespace Rekindle.Channels.Webhooks;

/// <summary>One signed webhook request, ready to go.</summary>
/// <param name="Headers">The flow's extra headers; they cannot replace the content type nor the X-Rekindle-* headers.</param>
public sealed record WebhookRequest(
    Uri Url, string Body, IReadOnlyDictionary<string, string> Headers, string MessageId, long Timestamp, string Signature);

/// <summary>What came of one request.</summary>
/// <param name="StatusCode">The receiver's status; null when no answer came (<paramref name="Error"/> says why).</param>
/// <param name="Refused">The target is not allowed (<see cref="WebhookTargets"/>): nothing was sent.</param>
/// <param name="RetryAfter">The receiver's Retry-After: a delay, or a date (<paramref name="RetryAt"/>).</param>
public sealed record WebhookResponse(
    int? StatusCode, string? Error, bool Refused, TimeSpan Duration, TimeSpan? RetryAfter = null, DateTimeOffset? RetryAt = null)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>Worth trying again: no answer (network error, timeout), 408, 429 or a 5xx. Other answers are final.</summary>
    public bool Retryable => !Refused && (StatusCode is null or 408 or 429 or >= 500);
}

/// <summary>
/// POSTs webhook requests. Only the URL's own host is reached: no proxy from the environment and no redirects, since
/// either would send the request somewhere <see cref="WebhookTargets"/> did not check.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Host", "Transfer-Encoding", "Connection",
        WebhookSignature.SignatureHeader, WebhookSignature.TimestampHeader, WebhookSignature.MessageIdHeader,
    };

    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    public WebhookSender(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeout = options.Timeout;
        var allowPrivate = options.AllowPrivateTargets;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),   // a changed DNS answer is checked again soon
            ConnectCallback = (context, ct) => WebhookTargets.ConnectAsync(context.DnsEndPoint, allowPrivate, ct),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<WebhookResponse> PostAsync(WebhookRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in request.Headers)
        {
            if (!Reserved.Contains(name))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.Add(WebhookSignature.TimestampHeader, request.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.Add(WebhookSignature.SignatureHeader, request.Signature);
        message.Headers.Add(WebhookSignature.MessageIdHeader, request.MessageId);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var retryAfter = response.Headers.RetryAfter;
            return new WebhookResponse((int)response.StatusCode, response.IsSuccessStatusCode ? null : Describe(response.StatusCode), false,
                Stopwatch.GetElapsedTime(started), retryAfter?.Delta, retryAfter?.Date);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookResponse(null, $"no answer within {_timeout.TotalSeconds:0.###} s", false, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refusal)
        {
            return new WebhookResponse(null, refusal.Message, true, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException ex)
        {
            return new WebhookResponse(null, ex.Message, false, Stopwatch.GetElapsedTime(started));
        }
    }

    public void Dispose() => _client.Dispose();

    private static string Describe(HttpStatusCode status) => $"HTTP {(int)status} {status}";

    private static WebhookTargetRefusedException? Refusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is WebhookTargetRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
