using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rekindle.Engine.Clock;

namespace Rekindle.Engine.Telemetry;

/// <summary>
/// One information line per <see cref="EngineOptions.SummaryInterval"/> when something happened (or work is
/// waiting), nothing when the shop is idle: what an operator reads instead of a line per event.
/// </summary>
public sealed class EngineSummaryLogger(
    EngineMetrics metrics,
    EngineGauges gauges,
    EngineOptions options,
    [FromKeyedServices(RekindleClock.Key)] TimeProvider time,
    ILogger<EngineSummaryLogger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = metrics.Totals;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.SummaryInterval, time, stoppingToken);
                var now = metrics.Totals;
                var delta = now.Minus(last);
                last = now;
                var backlog = await gauges.BacklogAsync(stoppingToken);
                var outbox = await gauges.OutboxDepthAsync(stoppingToken);
                if (delta.IsZero && backlog == 0 && outbox == 0)
                {
                    continue;
                }

                logger.LogInformation(
                    "Last {Interval}: {Accepted} events accepted, {Applied} applied (backlog {Backlog}); {FlowsStarted} flows started; " +
                    "{Sent} messages sent, {Failed} failed (outbox {Outbox})",
                    options.SummaryInterval, delta.Accepted, delta.Applied, backlog, delta.FlowsStarted, delta.MessagesSent, delta.MessagesFailed, outbox);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not write the engine summary");
            }
        }
    }
}
