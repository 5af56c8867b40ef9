using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Rekindle.Core.Flows.Triggers;

namespace Rekindle.Core.Flows;

/// <summary>
/// An automation as data: a graph of steps linked by id. The JSON form is read by
/// <see cref="FlowParser"/> (which validates it) and written by <see cref="FlowSerializer"/>.
/// </summary>
public sealed record FlowDefinition(
    string Id,
    string Name,
    FlowTrigger Trigger,
    FlowReentry Reentry,
    string StartStepId,
    ImmutableArray<FlowStep> Steps)
{
    /// <summary>Events that end an instance as converted (<see cref="FlowGoal"/>); empty when the flow has none.</summary>
    public ImmutableArray<FlowGoal> Goals { get; init; } = [];

    // Built on first lookup and tagged with the array it indexes, so a copy made by `with { Steps = ... }`
    // (which copies this field too) notices that the index belongs to other steps.
    private StepIndex? index;

    public bool TryGetStep(string id, [NotNullWhen(true)] out FlowStep? step) => GetIndex().TryGetValue(id, out step);

    /// <summary>The step with this id, or null.</summary>
    public FlowStep? FindStep(string id) => TryGetStep(id, out FlowStep? step) ? step : null;

    public bool Equals(FlowDefinition? other) =>
        other is not null
        && Id == other.Id
        && Name == other.Name
        && Trigger == other.Trigger
        && Reentry == other.Reentry
        && StartStepId == other.StartStepId
        && Steps.AsSpan().SequenceEqual(other.Steps.AsSpan())
        && Goals.AsSpan().SequenceEqual(other.Goals.AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Id);
        hash.Add(Name);
        hash.Add(Trigger);
        hash.Add(Reentry);
        hash.Add(StartStepId);
        foreach (FlowStep step in Steps.AsSpan())
        {
            hash.Add(step);
        }

        return hash.ToHashCode();
    }

    private Dictionary<string, FlowStep> GetIndex()
    {
        StepIndex? current = index;
        if (current is null || current.Source != Steps)
        {
            var byId = new Dictionary<string, FlowStep>(StringComparer.Ordinal);
            foreach (FlowStep step in Steps.AsSpan())
            {
                // The parser rejects duplicate ids; for a hand-built definition the first one wins.
                byId.TryAdd(step.Id, step);
            }

            current = new StepIndex(Steps, byId);
            index = current;
        }

        return current.ById;
    }

    private sealed record StepIndex(ImmutableArray<FlowStep> Source, Dictionary<string, FlowStep> ById);
}
