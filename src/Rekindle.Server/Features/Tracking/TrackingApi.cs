using Rekindle.Engine.Tracking;

namespace Rekindle.Server.Features.Tracking;

/// <summary>
/// The public end of email tracking, called by recipients' mail clients and browsers (no admin key): the open
/// pixel and the click redirect. Neither ever redirects to an address the server did not send: a click token
/// names a stored message and a link index, signed, and anything else is a 404.
/// </summary>
public static class TrackingApi
{
    // A transparent 1×1 GIF89a: the smallest image every mail client renders.
    private static readonly byte[] Pixel =
    [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ];

    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/t").WithTags("Tracking");
        api.MapGet("/o/{token}", OpenAsync).Produces<byte[]>(StatusCodes.Status200OK, "image/gif")
            .WithSummary("Open pixel of a sent email: always a 1×1 GIF; records Email Opened when the token is valid");
        api.MapGet("/c/{token}", ClickAsync).Produces(StatusCodes.Status302Found).Produces<string>(StatusCodes.Status404NotFound, "text/plain")
            .WithSummary("Tracked link of a sent email: 302 to the original address and Email Link Clicked; 404 for an invalid token");
        return app;
    }

    private static async Task<IResult> OpenAsync(string token, HttpContext http, EmailEngagement engagement, ILoggerFactory logs, CancellationToken ct)
    {
        // Every fetch must reach us (no cache in the client or a proxy), and a broken token still gets an image:
        // a mail client showing a broken-image icon would be worse than a missed open.
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store, no-cache, must-revalidate, max-age=0, private";
        headers.Pragma = "no-cache";
        headers.Expires = "Thu, 01 Jan 1970 00:00:00 GMT";
        try
        {
            if (await engagement.ResolveAsync(token, click: false, ct) is { } hit)
            {
                await engagement.RecordAsync(hit, http.Request.Headers.UserAgent.ToString(), ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logs.CreateLogger(typeof(TrackingApi)).LogWarning(ex, "Could not record an email open");
        }

        return Results.Bytes(Pixel, "image/gif");
    }

    private static async Task<IResult> ClickAsync(string token, HttpContext http, EmailEngagement engagement, ILoggerFactory logs, CancellationToken ct)
    {
        if (await engagement.ResolveAsync(token, click: true, ct) is not { Url: { } url } hit)
        {
            return Results.Text("This link is not valid.", "text/plain", statusCode: StatusCodes.Status404NotFound);
        }

        try
        {
            await engagement.RecordAsync(hit, http.Request.Headers.UserAgent.ToString(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The shopper's way to the shop matters more than the statistic.
            logs.CreateLogger(typeof(TrackingApi)).LogWarning(ex, "Could not record a click on email {MessageId}", hit.Message.Id);
        }

        http.Response.Headers.CacheControl = "no-store, private";
        return Results.Redirect(Location(url));
    }

    /// <summary>A Location header holds ASCII only: non-ASCII paths are percent-encoded and hosts written in punycode.</summary>
    private static string Location(string url)
    {
        if (url.All(c => c is > ' ' and < (char)0x7F) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return url;
        }

        return new UriBuilder(uri) { Host = uri.IdnHost }.Uri.AbsoluteUri;
    }
}
