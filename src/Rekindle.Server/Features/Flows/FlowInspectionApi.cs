using Microsoft.AspNetCore.Http.HttpResults;
using Rekindle.Core.Flows;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Flows;
using Rekindle.Storage.Messages;

namespace Rekindle.Server.Features.Flows;

/// <summary>
/// What flows did: per flow and per step how many entered, wait, went on, left or converted (and per path of a split),
/// and per contact the journeys it is or was in, step by step.
/// </summary>
public static class FlowInspectionApi
{
    public static IEndpointRouteBuilder MapFlowInspectionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/flows/{id}/stats", StatsAsync).WithTags("Flows")
            .WithSummary("Per flow and per step: entered, waiting now, passed, exited, converted, messages sent; and visits per path of each branching step");
        app.MapGet("/api/contacts/{id}/journeys", JourneysAsync).WithTags("Contacts")
            .WithSummary("The flows a contact is or was in, newest first: where each is now and the path it took, with times and messages");
        return app;
    }

    private static async Task<Results<Ok<FlowStatsView>, NotFound<ApiError>>> StatsAsync(
        string id, FlowStore flows, FlowStatsStore stats, CancellationToken ct)
    {
        if ((await flows.ListFlowsAsync(ct)).All(f => f.Id != id))
        {
            return TypedResults.NotFound(new ApiError($"no flow '{id}'"));
        }

        var s = await stats.StatsAsync(id, ct);
        return TypedResults.Ok(new FlowStatsView(id, s.Instances.Entered, s.Instances.Active, s.Instances.Completed, s.Instances.Exited,
            s.Instances.Converted, [.. s.Steps.Select(c => new StepStatsView(c.StepId, c.Entered, c.Waiting, c.Passed, c.Exited, c.Converted, c.MessagesSent,
                [.. s.Paths.Where(p => p.StepId == c.StepId).Select(p => new PathStatsView(p.Path, p.Count))]))]));
    }

    private static async Task<Results<Ok<List<JourneyView>>, NotFound<ApiError>>> JourneysAsync(
        string id, int? limit, ContactStore contacts, FlowStore flows, FlowStatsStore stats, MessageStore messages, CancellationToken ct)
    {
        var profile = await contacts.FindLiveAsync(id, ct);
        if (profile is null)
        {
            return TypedResults.NotFound(new ApiError($"no contact '{id}'"));
        }

        var instances = await flows.InstancesAsync(null, profile.Id, Math.Clamp(limit ?? 50, 1, 500), ct);
        var ids = instances.Select(i => i.Id).ToList();
        var visits = await stats.VisitsAsync(ids, ct);
        var byInstance = (await messages.ForInstancesAsync(ids, ct)).ToLookup(m => m.InstanceId);
        return TypedResults.Ok(instances.Select(i => new JourneyView(
            FlowInstanceView.From(i, byInstance[i.Id]),
            [.. (visits.GetValueOrDefault(i.Id) ?? []).Select(v => new JourneyStepView(v.StepId, v.Outcome, v.Path, v.At))])).ToList());
    }
}

/// <param name="Entered">Instances started.</param>
/// <param name="Active">Instances waiting now.</param>
/// <param name="Converted">Instances that reached one of the flow's goals.</param>
public sealed record FlowStatsView(string FlowId, long Entered, long Active, long Completed, long Exited, long Converted, IReadOnlyList<StepStatsView> Steps);

/// <param name="Entered">Times an instance reached the step (a loop counts each time).</param>
/// <param name="Waiting">Instances waiting at the step now.</param>
/// <param name="Passed">Times an instance went on from the step (or completed the flow there).</param>
/// <param name="Exited">Times an instance left the flow at the step.</param>
/// <param name="Converted">Instances that reached a goal while at the step.</param>
/// <param name="MessagesSent">Messages the step sent (delivered to the transport).</param>
/// <param name="Paths">For a branching step: visits per path ("then", "else", a split branch's or random path's name, "event", "timeout").</param>
public sealed record StepStatsView(string StepId, long Entered, long Waiting, long Passed, long Exited, long Converted, long MessagesSent,
    IReadOnlyList<PathStatsView> Paths);

public sealed record PathStatsView(string Path, long Count);

/// <summary>One journey: the instance (status, where it is, its messages) and the steps it went through.</summary>
public sealed record JourneyView(FlowInstanceView Instance, IReadOnlyList<JourneyStepView> Path);

/// <param name="Outcome">"next" (went on), "waiting" (paused there), "exited", "completed" or "converted".</param>
/// <param name="Path">Which way a branching step went.</param>
public sealed record JourneyStepView(string StepId, string Outcome, string? Path, DateTimeOffset At);
