namespace Rekindle.Core.Flows;

/// <summary>
/// What the graph checks know of one step. <see cref="Links"/> is null when the step's links could not be
/// read (unknown type, malformed link): the step exists, but where it leads is unknown.
/// </summary>
internal sealed record FlowGraphNode(int Index, string Id, IReadOnlyList<FlowStepLink>? Links, bool Pauses);

/// <summary>
/// Checks that apply to the flow as a graph: unique ids, links to existing steps, every step reachable,
/// and no cycle that one run could go round forever. Works on partly broken documents so that graph
/// errors are reported together with field errors, but never guesses: a check that could be misled by an
/// unreadable step is skipped.
/// </summary>
internal static class FlowGraphValidator
{
    /// <param name="steps">One entry per step in document order; null where the step has no usable id.</param>
    /// <param name="startId">The explicit "start", or null to start at the first step.</param>
    public static void Validate(IReadOnlyList<FlowGraphNode?> steps, string? startId, List<FlowError> errors)
    {
        bool complete = steps.All(s => s is { Links: not null });
        var byId = new Dictionary<string, FlowGraphNode>(StringComparer.Ordinal);
        foreach (FlowGraphNode? node in steps)
        {
            if (node is null)
            {
                continue;
            }

            if (byId.TryGetValue(node.Id, out FlowGraphNode? first))
            {
                errors.Add(new($"steps[{node.Index}].id", $"duplicate step id '{node.Id}' (also steps[{first.Index}])"));
                complete = false;
            }
            else
            {
                byId.Add(node.Id, node);
            }
        }

        // Only the first step with an id takes part in the graph; duplicates were reported above.
        List<FlowGraphNode> nodes = [.. byId.Values.OrderBy(n => n.Index)];
        foreach (FlowGraphNode node in nodes)
        {
            foreach (FlowStepLink link in node.Links ?? [])
            {
                if (link.Target is not null && !byId.ContainsKey(link.Target))
                {
                    errors.Add(new($"steps[{node.Index}].{link.Field}", $"unknown step '{link.Target}'"));
                }
            }
        }

        if (startId is not null && !byId.ContainsKey(startId))
        {
            errors.Add(new("start", $"unknown step '{startId}'"));
        }

        string? effectiveStart = startId ?? (steps.Count > 0 ? steps[0]?.Id : null);
        if (complete && effectiveStart is not null && byId.ContainsKey(effectiveStart))
        {
            HashSet<string> reached = Reach(effectiveStart, byId);
            foreach (FlowGraphNode node in nodes.Where(n => !reached.Contains(n.Id)))
            {
                errors.Add(new($"steps[{node.Index}]", $"unreachable from the start step '{effectiveStart}'"));
            }
        }

        ReportSpinningCycles(nodes, byId, errors);
    }

    /// <summary>
    /// A cycle through steps that never pause would run until the step limit on every run. Each such
    /// cycle is reported once, at its first step in document order, with the shortest way round.
    /// </summary>
    private static void ReportSpinningCycles(List<FlowGraphNode> nodes, Dictionary<string, FlowGraphNode> byId, List<FlowError> errors)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (FlowGraphNode node in nodes.Where(n => !n.Pauses))
        {
            if (reported.Contains(node.Id))
            {
                continue;
            }

            List<string>? cycle = ShortestCycle(node, byId);
            if (cycle is null)
            {
                continue;
            }

            reported.UnionWith(cycle);
            errors.Add(new($"steps[{node.Index}]", $"cycle without a wait step: {string.Join(" -> ", cycle)} -> {node.Id}"));
        }
    }

    /// <summary>The shortest path from <paramref name="origin"/> back to itself through non-pausing steps.</summary>
    private static List<string>? ShortestCycle(FlowGraphNode origin, Dictionary<string, FlowGraphNode> byId)
    {
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(origin.Id);
        while (queue.Count > 0)
        {
            string current = queue.Dequeue();
            foreach (string next in Successors(byId[current], byId))
            {
                if (byId[next].Pauses)
                {
                    continue;
                }

                if (next == origin.Id)
                {
                    var path = new List<string> { current };
                    while (path[^1] != origin.Id)
                    {
                        path.Add(cameFrom[path[^1]]);
                    }

                    path.Reverse();
                    return path;
                }

                if (cameFrom.TryAdd(next, current))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    private static HashSet<string> Reach(string start, Dictionary<string, FlowGraphNode> byId)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { start };
        var stack = new Stack<string>([start]);
        while (stack.Count > 0)
        {
            foreach (string next in Successors(byId[stack.Pop()], byId))
            {
                if (reached.Add(next))
                {
                    stack.Push(next);
                }
            }
        }

        return reached;
    }

    private static IEnumerable<string> Successors(FlowGraphNode node, Dictionary<string, FlowGraphNode> byId) =>
        (node.Links ?? []).Select(l => l.Target).OfType<string>().Where(byId.ContainsKey).Distinct(StringComparer.Ordinal);
}
