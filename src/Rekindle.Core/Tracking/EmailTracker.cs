namespace Rekindle.Core.Tracking;

/// <param name="Html">The HTML as it is sent: links through the click URL, the open pixel at the end of the body.</param>
/// <param name="Links">The original address of link i (what its click URL redirects to).</param>
public sealed record TrackedEmail(string Html, IReadOnlyList<string> Links);

/// <summary>
/// Makes an email's HTML report opens and clicks, as an ESP does: every http(s) link goes through
/// {base}/t/c/{token} (which redirects to the original) and a 1×1 image {base}/t/o/{token} is appended.
/// <paramref name="baseUrl"/> is the server's public address as recipients' mail clients reach it.
/// </summary>
public sealed class EmailTracker
{
    public const string OpenPath = "/t/o/";
    public const string ClickPath = "/t/c/";

    private readonly TrackingTokens _tokens;

    public EmailTracker(string baseUrl, TrackingTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (BaseUrlProblem(baseUrl) is { } problem)
        {
            throw new ArgumentException($"tracking base URL '{baseUrl}' {problem}", nameof(baseUrl));
        }

        BaseUrl = baseUrl.TrimEnd('/');
        _tokens = tokens;
    }

    /// <summary>The public address without a trailing slash, e.g. "https://rekindle.example.com".</summary>
    public string BaseUrl { get; }

    public string OpenUrl(string messageId) => BaseUrl + OpenPath + _tokens.Open(messageId);

    public string ClickUrl(string messageId, int link) => BaseUrl + ClickPath + _tokens.Click(messageId, link);

    public TrackedEmail Apply(string messageId, string html)
    {
        var rewritten = HtmlLinkRewriter.Rewrite(html, IsTrackingUrl, link => ClickUrl(messageId, link));
        return new TrackedEmail(AppendPixel(rewritten.Html, OpenUrl(messageId)), rewritten.Links);
    }

    /// <summary>Ours already (a template that pasted a tracking URL): wrapping it again would only add a hop.</summary>
    public bool IsTrackingUrl(string url) =>
        url.StartsWith(BaseUrl + "/t/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="baseUrl"/> cannot be the public base of tracking URLs; null when it can.</summary>
    public static string? BaseUrlProblem(string? baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "is not an absolute http(s) URL (e.g. https://rekindle.example.com)";
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || baseUrl!.Contains('?', StringComparison.Ordinal) || baseUrl.Contains('#', StringComparison.Ordinal))
        {
            return "must not have a query or a fragment: the tracking paths are appended to it";
        }

        return null;
    }

    /// <summary>Before the end of the body when there is one (where clients expect content), else at the very end.</summary>
    private static string AppendPixel(string html, string pixelUrl)
    {
        var pixel = $"<img src=\"{System.Net.WebUtility.HtmlEncode(pixelUrl)}\" width=\"1\" height=\"1\" alt=\"\" " +
            "style=\"display:block;width:1px;height:1px;border:0;margin:0;padding:0\">";
        var bodyEnd = html.LastIndexOf("</body", StringComparison.OrdinalIgnoreCase);
        return bodyEnd < 0 ? html + pixel : html.Insert(bodyEnd, pixel);
    }
}
