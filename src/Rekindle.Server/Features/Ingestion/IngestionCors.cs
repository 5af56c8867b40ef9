using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Rekindle.Server.Features.Ingestion;

/// <summary>
/// Cross-origin access to /v1 (and only /v1), so a shop's pages can send events from the browser.
/// Ingestion:AllowedOrigins is "*" (the default: any site may send, as with Segment; the write key is
/// public anyway) or a list of origins such as "https://shop.example, https://www.shop.example".
/// </summary>
public static class IngestionCors
{
    public const string PolicyName = "ingestion";

    private const string Setting = "Ingestion:AllowedOrigins";

    public static WebApplicationBuilder AddRekindleIngestion(this WebApplicationBuilder builder)
    {
        // Parsed here so that a wrong origin stops the start with a message naming it.
        var origins = AllowedOrigins(builder.Configuration);
        builder.Services.AddCors(cors => cors.AddPolicy(PolicyName, policy => Configure(policy, origins)));
        return builder;
    }

    /// <summary>"*" alone, or the listed origins; a list may be one comma-separated value or an array.</summary>
    public static IReadOnlyList<string> AllowedOrigins(IConfiguration configuration)
    {
        var section = configuration.GetSection(Setting);
        var values = section.GetChildren().Any()
            ? section.GetChildren().Select(c => c.Value ?? "")
            : (section.Value ?? "*").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries);
        var origins = values.Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (origins.Count == 0 || origins.Contains("*"))
        {
            return ["*"];
        }

        return origins.Select(Origin).ToList();
    }

    private static string Origin(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.PathAndQuery != "/" || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new InvalidOperationException(
                $"{Setting}: '{value}' is not an origin; write '*' or origins like 'https://shop.example' or 'http://localhost:8080' (scheme, host and port only)");
        }

        // An Origin header never ends in a slash and names a default port only implicitly.
        return uri.GetLeftPart(UriPartial.Authority);
    }

    private static void Configure(CorsPolicyBuilder policy, IReadOnlyList<string> origins)
    {
        if (origins is ["*"])
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            policy.WithOrigins([.. origins]);
        }

        // What Segment's and RudderStack's browser libraries send: GET of the settings document, POSTs with
        // Basic auth, a JSON or text/plain body, maybe compressed, and analytics.js's retry counter.
        // No cookies: credentials stay off.
        policy.WithMethods("GET", "POST")
            .WithHeaders("Authorization", "Content-Type", "Content-Encoding", "X-Retry-Count")
            .SetPreflightMaxAge(TimeSpan.FromHours(1));
    }
}
