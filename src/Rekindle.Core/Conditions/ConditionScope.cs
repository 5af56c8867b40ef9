namespace Rekindle.Core.Conditions;

/// <summary>The kinds of leaf, as a scope allows them.</summary>
[Flags]
public enum ConditionLeaves
{
    None = 0,
    Trait = 1,
    Profile = 2,
    Property = 4,
    Tag = 8,
    Consent = 16,
    Score = 32,
    Event = 64,
    Message = 128,

    /// <summary>Everything known about the contact (not the event being matched).</summary>
    Contact = Trait | Profile | Tag | Consent | Score | Event | Message,

    All = Contact | Property,
}

/// <summary>
/// Where a condition is used, which decides the leaves it may hold: an event filter sees only the event's
/// properties; a segment has no journey, so neither "since": "flowStart" nor a message of a step.
/// </summary>
/// <param name="Name">How errors name the place ("a segment condition").</param>
/// <param name="Leaves">The leaf kinds allowed.</param>
/// <param name="InJourney">Whether the condition runs inside a flow instance ("since": "flowStart", "message": {"step"}).</param>
public sealed record ConditionScope(string Name, ConditionLeaves Leaves, bool InJourney)
{
    /// <summary>A trigger's event filter, a waitForEvent's condition on the awaited event: property leaves only.</summary>
    public static ConditionScope EventFilter { get; } = new("an event filter", ConditionLeaves.Property, InJourney: false);

    /// <summary>A split or condition step: the contact, inside the journey.</summary>
    public static ConditionScope Journey { get; } = new("a flow condition", ConditionLeaves.Contact, InJourney: true);

    /// <summary>A goal or an event-reaction inside a journey: the contact and the event that arrived.</summary>
    public static ConditionScope JourneyEvent { get; } = new("a flow event condition", ConditionLeaves.All, InJourney: true);

    /// <summary>
    /// A trigger's condition on the contact and the triggering event, before any journey exists. Decided on every event
    /// from the profile alone (no scores or history are loaded for it), so only the leaves the profile and the event
    /// answer are allowed; a flow that needs more starts and then splits.
    /// </summary>
    public static ConditionScope Trigger { get; } = new("a trigger condition",
        ConditionLeaves.Trait | ConditionLeaves.Profile | ConditionLeaves.Property | ConditionLeaves.Tag | ConditionLeaves.Consent, InJourney: false);

    /// <summary>A segment: the contact alone, no journey, no event.</summary>
    public static ConditionScope Segment { get; } = new("a segment condition", ConditionLeaves.Contact, InJourney: false);

    public bool Allows(ConditionLeaves leaf) => (Leaves & leaf) == leaf;
}
