using Rekindle.Core.Contacts;
using Rekindle.Core.Events;

namespace Rekindle.Core.Flows.Triggers;

/// <summary>
/// Whether a flow starts for a contact: the trigger fires (its own decision) and the re-entry policy lets it in.
/// Pure; the engine supplies the profile before and after the event and the contact's history of the flow.
/// </summary>
public static class FlowStartDecision
{
    /// <summary>An applied event: the start it causes, or null.</summary>
    /// <param name="before">The profile before <paramref name="e"/> was applied.</param>
    /// <param name="after">The profile with <paramref name="e"/> applied.</param>
    public static TriggerStart? OnEvent(FlowDefinition flow, EventMessage e, ContactProfile before, ContactProfile after, FlowHistory history)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow.Trigger.OnEvent(e, before, after) is { } trigger ? Admit(flow, trigger, history) : null;
    }

    /// <summary>A fired trigger (event or timer): the start the re-entry policy admits, or null.</summary>
    public static TriggerStart? Admit(FlowDefinition flow, EventMessage trigger, FlowHistory history)
    {
        ArgumentNullException.ThrowIfNull(flow);
        string? key = flow.Reentry.KeyOf(trigger);
        return flow.Reentry.Allows(history, key, trigger.Timestamp) ? new TriggerStart(trigger, key) : null;
    }
}
