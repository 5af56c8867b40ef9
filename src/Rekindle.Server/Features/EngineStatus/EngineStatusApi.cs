using Rekindle.Engine.Clock;
using Rekindle.Engine.Ingestion;
using Rekindle.Storage.Events;
using Rekindle.Storage.Flows;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Server.Features.EngineStatus;

/// <summary>What the engine is doing: backlog, throughput counters, batching achieved.</summary>
public static class EngineStatusApi
{
    public static IEndpointRouteBuilder MapEngineStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/engine/status", async (
                EventStore events, FlowStore flows, IngestionPump pump, GroupCommitWriter writer,
                [FromKeyedServices(RekindleClock.Key)] TimeProvider time, CancellationToken ct) =>
            Results.Ok(new EngineStatusView(
                EventsStored: await events.CountAsync(ct),
                EventsUnprocessed: await events.CountUnprocessedAsync(ct),
                EventsAppliedSinceStart: pump.Processed,
                TimersPending: await flows.CountTimersAsync(ct),
                TimersDue: await flows.CountDueTimersAsync(time.GetUtcNow(), ct),
                Commits: writer.Commits,
                UnitsCommitted: writer.UnitsCommitted)))
            .Produces<EngineStatusView>()
            .WithTags("Engine").WithSummary("Backlog and throughput counters of this node");
        return app;
    }
}

/// <param name="TimersDue">Timers whose time has come and that the timer loop has not handled yet (its backlog).</param>
/// <param name="UnitsCommitted">Writes callers asked for; divided by <paramref name="Commits"/> it is the group-commit batch size.</param>
public sealed record EngineStatusView(
    long EventsStored, long EventsUnprocessed, long EventsAppliedSinceStart, int TimersPending, long Commits, long UnitsCommitted, int TimersDue = 0);
