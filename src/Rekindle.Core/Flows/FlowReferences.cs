using System.Collections.Immutable;

namespace Rekindle.Core.Flows;

/// <summary>Checks references between steps other than links: a wait for an event "from" a step must name a send step.</summary>
internal static class FlowReferences
{
    public static void Check(ImmutableArray<FlowStep> steps, List<FlowError> errors)
    {
        var byId = steps.GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (int i = 0; i < steps.Length; i++)
        {
            if (steps[i] is WaitForEventStep { Match.FromStep: { } from })
            {
                if (!byId.TryGetValue(from, out FlowStep? target))
                {
                    errors.Add(new($"steps[{i}].fromStep", $"names no step of this flow: '{from}'"));
                }
                else if (target is not SendEmailStep)
                {
                    errors.Add(new($"steps[{i}].fromStep", $"must name a sendEmail step (the message whose opens and clicks to wait for); '{from}' is a {target.Kind.Name} step"));
                }
            }
        }
    }
}
