using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Rekindle.Server.Features.Operations;

/// <summary>
/// For a load balancer, Kubernetes or systemd, all public (no key): /health/live (the process answers),
/// /health/ready (database reachable and engine started, else 503 naming the failing check) and /health
/// (kept for existing probes; the same as live).
/// </summary>
public static class HealthApi
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddRekindleHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name, tags: [ReadyTag])
            .AddCheck<EngineHealthCheck>(EngineHealthCheck.Name, tags: [ReadyTag]);
        return builder;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new LiveView("ok"))).WithTags("Health")
            .WithSummary("The process answers (kept for existing probes; same as /health/live)");
        app.MapGet("/health/live", () => TypedResults.Ok(new LiveView("ok"))).WithTags("Health")
            .WithSummary("Liveness: the process answers HTTP");
        app.MapGet("/health/ready", ReadyAsync).Produces<ReadinessView>(StatusCodes.Status503ServiceUnavailable).WithTags("Health")
            .WithSummary("Readiness: database reachable and engine started; 503 names the failing check");
        return app;
    }

    private static async Task<Results<Ok<ReadinessView>, JsonHttpResult<ReadinessView>>> ReadyAsync(HealthCheckService health, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains(ReadyTag), ct);
        var checks = report.Entries.Select(e => new CheckView(e.Key, e.Value.Status == HealthStatus.Unhealthy ? "unhealthy" : "healthy",
            e.Value.Description)).ToList();
        var failing = checks.Where(c => c.Status == "unhealthy").Select(c => c.Name).ToList();
        return failing.Count == 0
            ? TypedResults.Ok(new ReadinessView("ready", failing, checks))
            : TypedResults.Json(new ReadinessView("unavailable", failing, checks), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record LiveView(string Status);

/// <param name="Status">"ready" or "unavailable".</param>
/// <param name="Failing">The names of the checks that failed ("database", "engine").</param>
public sealed record ReadinessView(string Status, IReadOnlyList<string> Failing, IReadOnlyList<CheckView> Checks);

public sealed record CheckView(string Name, string Status, string? Description);
