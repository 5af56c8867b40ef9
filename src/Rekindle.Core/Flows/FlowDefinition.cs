using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Rekindle.Core.Contacts;

namespace Rekindle.Core.Flows;

/// <summary>What a trigger event does when the contact already has (or had) an instance of the flow.</summary>
public enum ReentryPolicy
{
    /// <summary>Start unless an instance of this flow is active for the contact (the default).</summary>
    WhileNotActive,

    /// <summary>Start only if the contact never had an instance of this flow.</summary>
    Once,

    /// <summary>Start on every trigger, even beside an active instance.</summary>
    Always,
}

/// <summary>
/// The track event names that start a flow (exact, case-sensitive, as Segment sends them), and optionally what their
/// properties must say: "RFM Segment Changed" only when <c>to</c> is "At Risk" or "Cannot Lose Them".
/// </summary>
/// <param name="Where">Every filter must hold; empty (or default): the event name is enough.</param>
public sealed record FlowTrigger(ImmutableArray<string> Events, ImmutableArray<PropertyFilter> Where = default)
{
    // ImmutableArray compares by reference; a definition read back from JSON must equal the original.
    public bool Equals(FlowTrigger? other) =>
        other is not null
        && Events.AsSpan().SequenceEqual(other.Events.AsSpan())
        && Filters.AsSpan().SequenceEqual(other.Filters.AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (string e in Events.AsSpan())
        {
            hash.Add(e, StringComparer.Ordinal);
        }

        hash.Add(Filters.Length);
        return hash.ToHashCode();
    }

    /// <summary><see cref="Where"/>, never default.</summary>
    public ImmutableArray<PropertyFilter> Filters => Where.IsDefault ? [] : Where;

    /// <summary>Started by cart events (Product Added, Checkout Started, ...): the flow is about the contact's cart.</summary>
    public bool IsCartTrigger => Events.Any(CommerceEvents.IsCartEvent);
}

/// <summary>A trigger condition on one top-level event property: its value is one of <paramref name="Values"/>.</summary>
/// <param name="Values">
/// Compared with the property's text: a string's value, or a number's or boolean's JSON form ("3", "true").
/// </param>
public sealed record PropertyFilter(string Property, ImmutableArray<string> Values)
{
    public bool Equals(PropertyFilter? other) =>
        other is not null && Property == other.Property && Values.AsSpan().SequenceEqual(other.Values.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Property, Values.Length);
}

/// <summary>
/// An automation as data: a graph of steps linked by id. The JSON form is read by
/// <see cref="FlowParser"/> (which validates it) and written by <see cref="FlowSerializer"/>.
/// </summary>
public sealed record FlowDefinition(
    string Id,
    string Name,
    FlowTrigger Trigger,
    ReentryPolicy Reentry,
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
