using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rekindle.Core.Flows.Triggers;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Contacts;
using Rekindle.Storage.Flows;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Engine.Flows;

/// <summary>
/// Arms a timed trigger (inactivity, date trait) once for the contacts that existed when its flow was first saved:
/// a shop creating a win-back flow expects customers already silent for 90 days to be caught (their timer falls due
/// at once), and birthdays already on file to be celebrated. Contacts seen later arm themselves through their events.
/// </summary>
/// <remarks>
/// Bounded batches over contacts in id order; each contact's grain arms its own timer if none is armed (the single
/// writer, so a concurrent event cannot double it), and the cursor is committed after each batch. A restart resumes
/// at the cursor; a batch done twice arms nothing twice. Once per flow id: editing the flow later does not re-run it.
/// </remarks>
public sealed class TriggerBackfiller(
    FlowCatalog catalog,
    FlowStore flows,
    GroupCommitWriter writer,
    IGrainFactory grains,
    EngineOptions options,
    [FromKeyedServices(RekindleClock.Key)] TimeProvider time,
    ILogger<TriggerBackfiller> logger) : BackgroundService
{
    /// <summary>Contacts per batch: enough to keep the grains busy, few enough to keep one round short.</summary>
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var flow in catalog.Flows.Where(f => f.Definition.Trigger is TimedTrigger))
                {
                    await BackfillAsync(flow.Definition.Id, stoppingToken);
                }

                await catalog.Reloaded.WaitAsync(options.PollInterval * 4, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Arming timed triggers for existing contacts failed; retrying after the poll interval");
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
        }
    }

    private async Task BackfillAsync(string flowId, CancellationToken ct)
    {
        var progress = await flows.BackfillAsync(flowId, ct);
        while (!progress.Done && !ct.IsCancellationRequested)
        {
            var ids = await flows.ContactIdsAfterAsync(progress.AfterContact, BatchSize, ct);
            var armed = await Task.WhenAll(ids.Select(id => grains.GetGrain<IContactGrain>(id).ArmTriggerAsync(flowId)));
            progress = progress with
            {
                AfterContact = ids.Count > 0 ? ids[^1] : progress.AfterContact,
                Armed = progress.Armed + armed.Count(a => a),
                Done = ids.Count < BatchSize,
            };
            await writer.WriteAsync([FlowStore.SaveBackfill(progress, time.GetUtcNow())]);
            if (progress.Done)
            {
                logger.LogInformation("Flow {FlowId}: armed its trigger for {Armed} existing contacts", flowId, progress.Armed);
            }
        }
    }
}
