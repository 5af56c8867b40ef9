using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using Rekindle.Engine.Ingestion;
using Rekindle.Storage.Database;

namespace Rekindle.Server.Features.Operations;

/// <summary>Ready needs the database: a real query on the schema table, so a missing or unreadable database fails.</summary>
internal sealed class DatabaseHealthCheck(RekindleDatabase database) : IHealthCheck
{
    public const string Name = "database";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var cmd = database.Command(connection, "SELECT COUNT(*) FROM schema_migrations");
            var migrations = Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return migrations > 0
                ? HealthCheckResult.Healthy($"{migrations} migrations applied")
                : HealthCheckResult.Unhealthy("the database has no schema");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's message names the problem (refused, no such table); it never holds the connection string.
            return HealthCheckResult.Unhealthy($"the database did not answer: {ex.Message}");
        }
    }
}

/// <summary>Ready needs the engine: the host has started (Orleans silo active) and the ingestion pump is running.</summary>
internal sealed class EngineHealthCheck(IHostApplicationLifetime lifetime, ISiloStatusOracle silo, IngestionPump pump) : IHealthCheck
{
    public const string Name = "engine";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check(lifetime.ApplicationStarted.IsCancellationRequested, lifetime.ApplicationStopping.IsCancellationRequested,
            silo.CurrentStatus, pump.ExecuteTask));

    public static HealthCheckResult Check(bool started, bool stopping, SiloStatus silo, Task? pump) =>
        (started, stopping, silo, pump) switch
        {
            (_, true, _, _) => HealthCheckResult.Unhealthy("the server is shutting down"),
            (false, _, _, _) => HealthCheckResult.Unhealthy("the server is still starting"),
            (_, _, not SiloStatus.Active, _) => HealthCheckResult.Unhealthy($"the Orleans silo is {silo}, not Active"),
            (_, _, _, null or { IsCompleted: true }) => HealthCheckResult.Unhealthy("the ingestion pump is not running"),
            _ => HealthCheckResult.Healthy("silo active, ingestion pump running"),
        };
}
