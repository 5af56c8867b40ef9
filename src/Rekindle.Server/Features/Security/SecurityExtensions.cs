using System.Text;

namespace Rekindle.Server.Features.Security;

public static class SecurityExtensions
{
    public static WebApplicationBuilder AddRekindleSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KeyRegistry>();
        return builder;
    }

    /// <summary>
    /// Everything under /api (and the dev mailbox pages, and /metrics unless Metrics:RequireAdminKey=false) needs the
    /// admin key. Without it an API client gets a JSON 401; a browser gets a page saying how to open the address with
    /// <c>?key=</c> (<see cref="KeyNeededPage"/>).
    /// </summary>
    public static WebApplication UseRekindleSecurity(this WebApplication app)
    {
        var keys = app.Services.GetRequiredService<KeyRegistry>();
        var metricsNeedKey = Operations.MetricsExtensions.RequireAdminKey(app.Configuration);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/dev")
                || (metricsNeedKey && path.StartsWithSegments(Operations.MetricsExtensions.Path)))
            {
                var queryKey = context.Request.Query["key"].FirstOrDefault();
                var key = BearerToken(context.Request) ?? queryKey;
                if (queryKey is not null)
                {
                    // The key is in this page's URL (a browser cannot send a bearer header), and a rendered
                    // email in the dev mailbox loads the shop's images: no Referer may carry the URL away.
                    context.Response.Headers["Referrer-Policy"] = "no-referrer";
                }

                if (!keys.IsAdminKey(key))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    if (KeyNeededPage.IsForBrowser(context.Request))
                    {
                        context.Response.ContentType = "text/html; charset=utf-8";
                        await context.Response.WriteAsync(KeyNeededPage.Html(context.Request, keyGiven: key is not null));
                        return;
                    }

                    await context.Response.WriteAsJsonAsync(new ApiError(key is null
                        ? "missing admin key: send 'Authorization: Bearer <Admin:ApiKey>'"
                        : "the admin key is not valid"));
                    return;
                }
            }

            await next(context);
        });
        return app;
    }

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    /// <summary>The write key of a Segment request: the user name of HTTP Basic auth.</summary>
    public static string? BasicUserName(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? decoded : decoded[..colon];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>The error body of every 4xx the API returns.</summary>
public sealed record ApiError(string Error, IReadOnlyList<FieldProblem>? Problems = null);

public sealed record FieldProblem(string Field, string Problem);
