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
    private long _processed;
    private (Task Task, int Events)? _previous;
    private Dictionary<string, Task> _previousCalls = new(StringComparer.Ordinal);
    private Dictionary<string, Task> _currentCalls = new(StringComparer.Ordinal);

    /// <summary>Events applied to contacts since start (for metrics and the load harness).</summary>
    public long Processed => Interlocked.Read(ref _processed);

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
                    await FinishPreviousRoundAsync();
                    await signals.EventsStored.WaitAsync(options.PollInterval, time, stoppingToken);
                    continue;
                }

                _lastSeq = batch[^1].Seq;
                var round = await ProcessAsync(batch, stoppingToken);

                // Two rounds in flight: this round's grains compute while the last round commits.
                await FinishPreviousRoundAsync();
                _previous = (round, batch.Count);
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
                await DrainAsync();
                directory.Clear();
                _lastSeq = 0;
                var backoff = TimeSpan.FromMilliseconds(Math.Min(30_000, 100 * Math.Pow(2, Math.Min(failures, 10))));
                await Task.Delay(backoff, time, stoppingToken);
            }
        }
    }

    private async Task FinishPreviousRoundAsync()
    {
        if (_previous is { } previous)
        {
            _previous = null;
            await previous.Task;
            Interlocked.Add(ref _processed, previous.Events);
        }
    }

    /// <summary>
    /// Waits until no grain call of this pump is running, so that re-reading the backlog cannot hand a
    /// contact events that a call still in flight is about to commit.
    /// </summary>
    private async Task DrainAsync()
    {
        _previous = null;
        try
        {
            await Task.WhenAll(_previousCalls.Values.Concat(_currentCalls.Values));
        }
        catch (Exception)
        {
            // already being handled: the whole backlog is read again
        }

        _previousCalls.Clear();
        _currentCalls.Clear();
    }

    /// <summary>Resolves the batch and starts its grain calls; the returned task completes when all committed.</summary>
    private async Task<Task> ProcessAsync(IReadOnlyList<EventMessage> batch, CancellationToken ct)
    {
        var keysByEvent = batch.Select(IdentityKeys.From).ToList();
        await directory.PrefetchAsync(keysByEvent.SelectMany(k => k), ct);

        (_previousCalls, _currentCalls) = (_currentCalls, _previousCalls);
        _currentCalls.Clear();
        var round = new Dictionary<string, WorkBuilder>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var resolution = IdentityResolver.Resolve(keysByEvent[i], directory.Lookup, Ids.New);
            var merges = resolution.ContactsToMerge.Count > 0;
            if (merges)
            {
                // A merge must see every earlier event applied, and later events must see the merge.
                Dispatch(round);
                await Task.WhenAll(_currentCalls.Values.Concat(_previousCalls.Values));
                await FinishPreviousRoundAsync();
            }

            directory.Record(resolution);
            if (!round.TryGetValue(resolution.ContactId, out var work))
            {
                round[resolution.ContactId] = work = new WorkBuilder { IsNew = resolution.IsNew };
            }

            work.MergeFrom.AddRange(resolution.ContactsToMerge);
            work.Identities.AddRange(resolution.KeysToAssign.Select(k => new IdentityAssignment(IdentityDirectory.KindName(k.Kind), k.Value)));
            work.Events.Add(batch[i]);
            if (merges)
            {
                Dispatch(round);
                await Task.WhenAll(_currentCalls.Values);
            }
        }

        Dispatch(round);
        return Task.WhenAll(_currentCalls.Values);
    }

    private void Dispatch(Dictionary<string, WorkBuilder> round)
    {
        foreach (var (contactId, work) in round)
        {
            var call = new ContactWork(work.Events, work.Identities, work.MergeFrom, work.IsNew);
            // A contact's events stay in order: its call waits for its call of the round still in flight.
            var earlier = _currentCalls.GetValueOrDefault(contactId) ?? _previousCalls.GetValueOrDefault(contactId);
            _currentCalls[contactId] = earlier is null || earlier.IsCompletedSuccessfully
                ? grains.GetGrain<IContactGrain>(contactId).ApplyAsync(call)
                : AfterAsync(earlier, contactId, call);
        }

        round.Clear();
    }

    private async Task AfterAsync(Task earlier, string contactId, ContactWork call)
    {
        await earlier;   // if it failed, so does this: the round is read again from the oldest unprocessed event
        await grains.GetGrain<IContactGrain>(contactId).ApplyAsync(call);
    }

    private sealed class WorkBuilder
    {
        public List<EventMessage> Events { get; } = [];

        public List<IdentityAssignment> Identities { get; } = [];

        public List<string> MergeFrom { get; } = [];

        public bool IsNew { get; init; }
    }
}
