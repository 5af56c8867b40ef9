using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Common;
using Rekindle.Engine.Contacts;
using Rekindle.Storage.Flows;

namespace Rekindle.Engine.Timers;

/// <summary>
/// Wakes waiting flow instances, and fires timed triggers (a timer with a flow id: inactivity, date trait).
/// Timers are rows (a restart loses none); this loop claims the due ones
/// in batches through the due_at index and calls each contact's grain, which deletes the row in the
/// same transaction as the step it runs. One indexed range scan per round serves millions of waiting
/// contacts, where one Orleans reminder per instance would not.
/// </summary>
public sealed class TimerPump(
    FlowStore flows,
    IGrainFactory grains,
    EngineSignals signals,
    EngineOptions options,
    [FromKeyedServices(RekindleClock.Key)] TimeProvider time,
    ILogger<TimerPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await flows.DueTimersAsync(time.GetUtcNow(), options.TimerBatchSize, stoppingToken);
                if (due.Count == 0)
                {
                    await signals.TimersChanged.WaitAsync(options.PollInterval, time, stoppingToken);
                    continue;
                }

                await Task.WhenAll(due.Select(t => t.FlowId is { } flowId
                    ? grains.GetGrain<IContactGrain>(t.ContactId).TriggerAsync(t.Id, flowId)
                    : grains.GetGrain<IContactGrain>(t.ContactId).WakeAsync(t.Id, t.InstanceId)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Timer round failed; retrying after the poll interval");
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
        }
    }
}
