using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Rekindle.Server.Features.Security;

namespace Rekindle.Server.Features.Ingestion;

/// <summary>
/// The settings document Segment's browser library (analytics.js / Analytics Next) fetches when it loads,
/// from <c>{cdnURL}/v1/projects/{writeKey}/settings</c>. Served here, a shop points <c>cdnURL</c> at Rekindle
/// and the library sends every event to this server's /v1 without any other configuration, and
/// without loading anything from Segment's CDN.
/// </summary>
internal static class BrowserSettingsApi
{
    public static void MapBrowserSettings(this IEndpointRouteBuilder v1) =>
        v1.MapGet("/projects/{writeKey}/settings", Settings)
            .WithSummary("Settings for Segment's browser library (point its cdnURL at this server)");

    private static Results<Ok<AnalyticsJsSettings>, NotFound<ApiError>> Settings(string writeKey, HttpContext context)
    {
        if (!context.RequestServices.GetRequiredService<KeyRegistry>().IsWriteKey(writeKey))
        {
            return TypedResults.NotFound(new ApiError("unknown write key"));
        }

        var request = context.Request;
        // The library posts to {protocol}://{apiHost}/{t,p,i,...}: this server's own address, as the browser reached it.
        return TypedResults.Ok(new AnalyticsJsSettings(
            new AnalyticsJsIntegrations(new SegmentIoSettings(writeKey, $"{request.Host}{request.PathBase}/v1", request.Scheme)),
            // Rekindle has no endpoint for the library's own telemetry: a sample rate of 0 keeps it from sending any.
            new AnalyticsJsMetrics(0)));
    }
}

public sealed record AnalyticsJsSettings(AnalyticsJsIntegrations Integrations, AnalyticsJsMetrics Metrics);

public sealed record AnalyticsJsIntegrations([property: JsonPropertyName("Segment.io")] SegmentIoSettings SegmentIo);

public sealed record SegmentIoSettings(string ApiKey, string ApiHost, string Protocol);

public sealed record AnalyticsJsMetrics(double SampleRate);
