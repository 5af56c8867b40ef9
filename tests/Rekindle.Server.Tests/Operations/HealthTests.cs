using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using Rekindle.Server.Features.Operations;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Storage.Database;

namespace Rekindle.Server.Tests.Operations;

/// <summary>The endpoints a load balancer, Kubernetes or systemd probes: public, JSON, 503 naming what is wrong.</summary>
public sealed class HealthTests(OperatorServerFixture fixture) : IClassFixture<OperatorServerFixture>
{
    [Fact]
    public async Task Live_NoKey_200()
    {
        var response = await ApiResponse.ReadAsync(fixture.Server.Http.GetAsync("/health/live"));

        response.AssertJson(HttpStatusCode.OK, """{"status":"ok"}""");
    }

    [Fact]
    public async Task Ready_StartedServer_200WithBothChecksHealthy()
    {
        var response = await ApiResponse.ReadAsync(fixture.Server.Http.GetAsync("/health/ready"));

        response.AssertJson(HttpStatusCode.OK, """
            {"status":"ready","failing":[],"checks":[
              {"name":"database","status":"healthy","description":"13 migrations applied"},
              {"name":"engine","status":"healthy","description":"silo active, ingestion pump running"}]}
            """);
    }

    [Fact]
    public async Task DatabaseCheck_DatabaseFileMissing_UnhealthySaysSo()
    {
        // Mode=ReadWrite: opening does not create the file, as a deleted or unmounted database would behave.
        var path = Path.Combine(Path.GetTempPath(), "rekindle-missing-" + Guid.NewGuid().ToString("N"), "rekindle.db");
        var database = new RekindleDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path};Mode=ReadWrite" });

        var result = await new DatabaseHealthCheck(database).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("the database did not answer: ", result.Description, StringComparison.Ordinal);
        Assert.Contains("unable to open database file", result.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false, SiloStatus.Active, true, "the server is still starting")]
    [InlineData(true, true, SiloStatus.Active, true, "the server is shutting down")]
    [InlineData(true, false, SiloStatus.Joining, true, "the Orleans silo is Joining, not Active")]
    [InlineData(true, false, SiloStatus.Active, false, "the ingestion pump is not running")]
    public void EngineCheck_NotRunning_UnhealthyWithReason(bool started, bool stopping, SiloStatus silo, bool pumpRunning, string expected)
    {
        var pump = pumpRunning ? new TaskCompletionSource().Task : Task.CompletedTask;

        var result = EngineHealthCheck.Check(started, stopping, silo, pump);

        Assert.Equal((HealthStatus.Unhealthy, expected), (result.Status, result.Description));
    }
}
