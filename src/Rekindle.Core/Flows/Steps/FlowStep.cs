using System.Text.Json;
using Rekindle.Core.Events;

namespace Rekindle.Core.Flows;

/// <summary>An outgoing link of a step: the JSON field it is written in, and the step it points at.</summary>
/// <param name="Field">"next", "then", "else", "paths[1].next", ...</param>
/// <param name="Target">The step id, or null when following it ends the flow.</param>
public readonly record struct FlowStepLink(string Field, string? Target);

/// <summary>A Liquid template of a step, and what the template model holds when it is rendered.</summary>
/// <param name="Coupon">The model has <c>coupon.*</c>.</param>
/// <param name="Recommendations">The model has <c>recommendations</c>.</param>
public sealed record StepTemplate(string Field, string Text, bool Coupon = false, bool Recommendations = false);

/// <summary>
/// One node of a flow, and everything the language knows about its kind in one place: the JSON name and reader (its
/// static <c>Type</c>), the writer, the outgoing links, whether it pauses, and what it does when an instance reaches
/// it, wakes at it or sees an event while waiting at it. The parser, validator, serializer and interpreter ask the
/// step; none of them switches on step kinds.
/// </summary>
public abstract record FlowStep(string Id)
{
    /// <summary>The step's kind: the same object as the record's static <c>Type</c>.</summary>
    public abstract StepType Kind { get; }

    /// <summary>The step's outgoing links, in JSON field order.</summary>
    public abstract IEnumerable<FlowStepLink> Links();

    /// <summary>Whether executing the step may suspend the instance (see <see cref="StepType.Pauses"/>).</summary>
    public bool Pauses => Kind.Pauses;

    /// <summary>Writes the step's own fields (after "id" and "type"), so that the parser reads back an equal step.</summary>
    public abstract void WriteFields(Utf8JsonWriter writer);

    /// <summary>The conditions the step asks (the engine loads the history and scores they need before a run).</summary>
    public virtual IEnumerable<Conditions.Condition> Conditions() => [];

    /// <summary>The step's Liquid templates, for the checks on save (unknown names are warnings).</summary>
    public virtual IEnumerable<StepTemplate> Templates() => [];

    /// <summary>The coupon campaign the step names and the field naming it, which must exist when the flow is saved.</summary>
    public virtual (string Field, string Campaign)? CouponCampaign => null;

    /// <summary>What happens when an instance reaches the step.</summary>
    public abstract StepOutcome Execute(StepContext context);

    /// <summary>
    /// The instance's wake-up time came while it waited here. Only pausing steps wait; anything else means the flow was
    /// edited under a waiting instance.
    /// </summary>
    public virtual StepOutcome OnWake(StepContext context) => StepOutcome.Exit(FlowExitReasons.NotWaiting);

    /// <summary>An event reached the contact while the instance waited here: where to go on, or null to keep waiting.</summary>
    public virtual StepOutcome? OnEvent(StepContext context, EventMessage e) => null;
}
