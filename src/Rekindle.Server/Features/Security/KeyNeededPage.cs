using System.Net;

namespace Rekindle.Server.Features.Security;

/// <summary>
/// What a browser gets instead of a JSON 401 when it opens an admin page without a valid key: a browser cannot send an
/// Authorization header, so the page says how to put the key in the address, and where the key came from.
/// </summary>
internal static class KeyNeededPage
{
    /// <summary>
    /// The dev pages (/dev/...) are for browsers; an /api address opened in one (an image such as the RFM grid, a JSON
    /// document) asks for text/html first, which API clients do not.
    /// </summary>
    public static bool IsForBrowser(HttpRequest request) =>
        request.Path.StartsWithSegments("/dev")
        || (HttpMethods.IsGet(request.Method) && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)));

    public static string Html(HttpRequest request, bool keyGiven)
    {
        // The address to open: this one with ?key= added (any key given is dropped, never echoed).
        var query = string.Join("&", request.Query.Where(q => q.Key != "key")
            .SelectMany(q => q.Value.Select(v => $"{WebUtility.UrlEncode(q.Key)}={WebUtility.UrlEncode(v)}")));
        var address = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{(query.Length > 0 ? query + "&" : "")}key=";
        var problem = keyGiven ? "The key in this address is not Rekindle's admin key." : "This page needs Rekindle's admin key.";
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Rekindle: admin key needed</title><style>"
            + "body{font-family:system-ui,sans-serif;margin:2rem;max-width:46rem;color:#222;line-height:1.5}"
            + "code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px;word-break:break-all}</style></head><body>"
            + "<h1>Admin key needed</h1><p>" + problem + " A browser cannot send an <code>Authorization</code> header, so put "
            + "the key in the address instead:</p><p><code>" + WebUtility.HtmlEncode(address) + "&lt;admin key&gt;</code></p>"
            + "<p>The admin key starts with <code>ak_</code>. Rekindle printed it once, on its first start, in the server's "
            + "log: <code>Admin API key (Authorization: Bearer for /api): ak_...</code> — or it is the <code>Admin:ApiKey</code> "
            + "you configured. Rekindle keeps only a hash of it, so it cannot show it again; without it, configure a new "
            + "one in <code>Admin:ApiKey</code> (e.g. <code>Admin__ApiKey=ak_...</code>) and restart.</p></body></html>";
    }
}
