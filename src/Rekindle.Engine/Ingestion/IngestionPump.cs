using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Common;
using Rekindle.Engine.Contacts;
using Rekindle.Storage.Events;

namespace Rekindle.Engine.Ingestion;

/// <summary>
/// Moves stored events to their contacts: reads the unprocessed events in order, resolves each to a
/// contact (creating or merging contacts as the identity rules say), and hands every contact its
/// events in one grain call. All grains of a round commit together through the group-commit writer.
/// One pump per process; identity resolution is cheap and sequential, the grains do the heavy work.
/// </summary>
public sealed class IngestionPump(
    EventStore events,
    IdentityDirectory directory,
    IGrainFactory grains,
    EngineSignals signals,
    EngineOptions options,
    [FromKeyedServices(RekindleClock.Key)] TimeProvider time,
    ILogger<IngestionPump> logger) : BackgroundService
{
    private long _lastSeq;

    /// <summary>Events handed to contacts since start (for metrics and the load harness).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    private long _processed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await events.ReadUnprocessedAsync(_lastSeq, options.IngestionBatchSize, stoppingToken);
                if (batch.Count == 0)
                {
                    await signals.EventsStored.WaitAsync(options.PollInterval, time, stoppingToken);
                    continue;
                }

                await ProcessAsync(batch, stoppingToken);
                _lastSeq = batch[^1].Seq;
                Interlocked.Add(ref _processed, batch.Count);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Events whose contact did not commit stay unprocessed; start over from the oldest of them.
                failures++;
                logger.LogError(ex, "Ingestion round failed (attempt {Failures}); retrying", failures);
                directory.Clear();
                _lastSeq = 0;
                var backoff = TimeSpan.FromMilliseconds(Math.Min(30_000, 100 * Math.Pow(2, Math.Min(failures, 10))));
                await Task.Delay(backoff, time, stoppingToken);
            }
        }
    }

    private async Task ProcessAsync(IReadOnlyList<EventMessage> batch, CancellationToken ct)
    {
        var keysByEvent = batch.Select(IdentityKeys.From).ToList();
        await directory.PrefetchAsync(keysByEvent.SelectMany(k => k), ct);

        var round = new Dictionary<string, WorkBuilder>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var resolution = IdentityResolver.Resolve(keysByEvent[i], directory.Lookup, Ids.New);
            var merges = resolution.ContactsToMerge.Count > 0;
            if (merges)
            {
                // A merge must see every earlier event applied, and later events must see the merge.
                await DispatchAsync(round);
            }

            directory.Record(resolution);
            if (!round.TryGetValue(resolution.ContactId, out var work))
            {
                round[resolution.ContactId] = work = new WorkBuilder();
            }

            work.MergeFrom.AddRange(resolution.ContactsToMerge);
            work.Identities.AddRange(resolution.KeysToAssign.Select(k => new IdentityAssignment(IdentityDirectory.KindName(k.Kind), k.Value)));
            work.Events.Add(batch[i]);
            if (merges)
            {
                await DispatchAsync(round);
            }
        }

        await DispatchAsync(round);
    }

    private async Task DispatchAsync(Dictionary<string, WorkBuilder> round)
    {
        if (round.Count == 0)
        {
            return;
        }

        var calls = new List<Task>(round.Count);
        foreach (var (contactId, work) in round)
        {
            calls.Add(grains.GetGrain<IContactGrain>(contactId).ApplyAsync(new ContactWork(work.Events, work.Identities, work.MergeFrom)));
        }

        round.Clear();
        await Task.WhenAll(calls);
    }

    private sealed class WorkBuilder
    {
        public List<EventMessage> Events { get; } = [];

        public List<IdentityAssignment> Identities { get; } = [];

        public List<string> MergeFrom { get; } = [];
    }
}
