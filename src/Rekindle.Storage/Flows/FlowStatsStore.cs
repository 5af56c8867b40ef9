using System.Globalization;
using Rekindle.Core.Flows;
using Rekindle.Storage.Database;

namespace Rekindle.Storage.Flows;

/// <summary>How many instances of a flow are in each state.</summary>
public sealed record FlowStatusCounts(long Entered, long Active, long Completed, long Exited, long Converted);

/// <summary>What happened at one step: visits by outcome, instances waiting there now, messages it sent.</summary>
/// <param name="Passed">Visits that went on to another step (or completed the flow there).</param>
public sealed record StepCounts(string StepId, long Entered, long Waiting, long Passed, long Exited, long Converted, long MessagesSent);

/// <summary>How many visits took each path of a branching step (a random split's arms, a split's branches, a wait's timeout).</summary>
public sealed record PathCount(string StepId, string Path, long Count);

public sealed record FlowStats(FlowStatusCounts Instances, IReadOnlyList<StepCounts> Steps, IReadOnlyList<PathCount> Paths);

/// <summary>Journeys (the steps each instance went through) and the per-step statistics built from them.</summary>
public sealed class FlowStatsStore(RekindleDatabase database)
{
    /// <summary>The recorded steps of each instance, oldest first.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StepVisit>>> VisitsAsync(IReadOnlyList<string> instanceIds, CancellationToken ct)
    {
        var result = new Dictionary<string, List<StepVisit>>(StringComparer.Ordinal);
        if (instanceIds.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<StepVisit>>();
        }

        await using var connection = await database.OpenAsync(ct);
        var placeholders = string.Join(", ", instanceIds.Select((_, i) => "@p" + i));
        await using var cmd = database.Command(connection,
            $"SELECT instance_id, step_id, outcome, path, at FROM flow_visits WHERE instance_id IN ({placeholders}) ORDER BY seq", [.. instanceIds]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var id = r.GetString(0);
            if (!result.TryGetValue(id, out var list))
            {
                result[id] = list = [];
            }

            list.Add(new StepVisit(r.GetString(1), database.Dialect.ReadTime(r, 4), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<StepVisit>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>The flow's instances by status, each step's visits by outcome, waiting instances, messages sent, and path counts.</summary>
    public async Task<FlowStats> StatsAsync(string flowId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var statuses = new Dictionary<string, long>(StringComparer.Ordinal);
        var waiting = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var cmd = database.Command(connection,
            "SELECT status, current_step, COUNT(*) FROM flow_instances WHERE flow_id = @p0 GROUP BY status, current_step", flowId))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var (status, step, count) = (r.GetString(0), r.GetString(1), r.GetInt64(2));
                statuses[status] = statuses.GetValueOrDefault(status) + count;
                if (status == "active")
                {
                    waiting[step] = waiting.GetValueOrDefault(step) + count;
                }
            }
        }

        var outcomes = new Dictionary<(string Step, string Outcome), long>();
        var entered = new Dictionary<string, long>(StringComparer.Ordinal);
        var paths = new List<PathCount>();
        await using (var cmd = database.Command(connection,
            "SELECT step_id, outcome, path, resumed, COUNT(*) FROM flow_visits WHERE flow_id = @p0 GROUP BY step_id, outcome, path, resumed " +
            "ORDER BY step_id, path", flowId))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var (step, outcome, resumed, count) = (r.GetString(0), r.GetString(1), Convert.ToBoolean(r.GetValue(3), CultureInfo.InvariantCulture), r.GetInt64(4));
                outcomes[(step, outcome)] = outcomes.GetValueOrDefault((step, outcome)) + count;
                if (!resumed)
                {
                    entered[step] = entered.GetValueOrDefault(step) + count;
                }

                if (!r.IsDBNull(2) && outcome != "converted")
                {
                    var path = r.GetString(2);
                    var i = paths.FindIndex(p => p.StepId == step && p.Path == path);
                    if (i >= 0)
                    {
                        paths[i] = paths[i] with { Count = paths[i].Count + count };
                    }
                    else
                    {
                        paths.Add(new PathCount(step, path, count));
                    }
                }
            }
        }

        var sent = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var cmd = database.Command(connection,
            "SELECT step_id, COUNT(*) FROM messages WHERE flow_id = @p0 AND status = 'sent' AND step_id IS NOT NULL GROUP BY step_id", flowId))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                sent[r.GetString(0)] = r.GetInt64(1);
            }
        }

        var steps = outcomes.Keys.Select(k => k.Step).Concat(waiting.Keys).Concat(sent.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(step =>
            {
                long Count(string outcome) => outcomes.GetValueOrDefault((step, outcome));
                return new StepCounts(step, entered.GetValueOrDefault(step), waiting.GetValueOrDefault(step), Count("next") + Count("completed"),
                    Count("exited"), Count("converted"), sent.GetValueOrDefault(step));
            }).ToList();
        var instances = new FlowStatusCounts(statuses.Values.Sum(), statuses.GetValueOrDefault("active"), statuses.GetValueOrDefault("completed"),
            statuses.GetValueOrDefault("exited"), statuses.GetValueOrDefault("converted"));
        return new FlowStats(instances, steps, [.. paths.OrderBy(p => p.StepId, StringComparer.Ordinal).ThenBy(p => p.Path, StringComparer.Ordinal)]);
    }
}
