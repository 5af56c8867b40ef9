using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Common;

namespace Rekindle.Engine.Flows;

/// <summary>Keeps the flow catalog current with flows saved on other nodes.</summary>
public sealed class FlowCatalogRefresher(FlowCatalog catalog, EngineOptions options, [FromKeyedServices(RekindleClock.Key)] TimeProvider time, ILogger<FlowCatalogRefresher> logger)
    : BackgroundService
{
    private readonly Wakeup _never = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await catalog.RefreshAsync(stoppingToken);
                await _never.WaitAsync(options.PollInterval * 4, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Reloading flows failed; the previous set stays active");
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
        }
    }
}
