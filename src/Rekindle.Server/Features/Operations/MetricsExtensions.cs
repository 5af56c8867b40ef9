using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Rekindle.Engine.Telemetry;

namespace Rekindle.Server.Features.Operations;

/// <summary>
/// The "Rekindle" meter (<see cref="EngineMetrics"/>, <see cref="EngineGauges"/>) in Prometheus' text format at
/// /metrics. It needs the admin key (Authorization: Bearer) unless Metrics:RequireAdminKey is false, for a
/// scraper on a private network that cannot send one.
/// </summary>
public static class MetricsExtensions
{
    public const string Path = "/metrics";

    public static WebApplicationBuilder AddRekindleMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("rekindle"))
            .WithMetrics(metrics => metrics
            .AddMeter(EngineMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    public static bool RequireAdminKey(IConfiguration config) => config.GetValue("Metrics:RequireAdminKey", true);

    public static IEndpointRouteBuilder MapRekindleMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(Path);
        return app;
    }
}
