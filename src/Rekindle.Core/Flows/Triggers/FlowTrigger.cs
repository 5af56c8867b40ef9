using System.Text.Json;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;

namespace Rekindle.Core.Flows.Triggers;

/// <summary>
/// What starts a flow. Each kind describes itself in one file: its JSON name (<see cref="TriggerKinds"/> maps the
/// name to its reader), how it writes itself, and when it fires. Two families:
/// <list type="bullet">
/// <item>event-driven kinds (<see cref="EventTrigger"/>, <see cref="TraitChangedTrigger"/>,
/// <see cref="ConsentChangedTrigger"/>) answer <see cref="OnEvent"/> for every applied event;</item>
/// <item>timed kinds (<see cref="TimedTrigger"/>: inactivity, date trait) keep one timer per contact and fire when it
/// falls due.</item>
/// </list>
/// Re-entry (<see cref="FlowReentry"/>) is decided after the trigger fired, by <see cref="FlowStartDecision"/>.
/// </summary>
public abstract record FlowTrigger
{
    /// <summary>The value of the trigger's "type" in JSON.</summary>
    public abstract string Type { get; }

    /// <summary>Started by cart events (Product Added, Checkout Started, ...): the flow is about the contact's cart.</summary>
    public virtual bool IsCartTrigger => false;

    /// <summary>
    /// Whether applying <paramref name="e"/> (which turned <paramref name="before"/> into <paramref name="after"/>) fires
    /// the trigger: the event the instance starts with, or null. Timed kinds never fire here.
    /// </summary>
    public virtual EventMessage? OnEvent(EventMessage e, ContactProfile before, ContactProfile after) => null;

    /// <summary>Writes the trigger's fields after "type" (the serializer writes the object and its type).</summary>
    internal abstract void WriteFields(Utf8JsonWriter w);
}

/// <summary>An instance start the trigger and the re-entry policy agreed on.</summary>
/// <param name="Trigger">The event the instance starts with (synthesised for trait, consent and timed triggers).</param>
/// <param name="EntryKey">The re-entry key (<c>perKey</c>), stored on the instance; null for other policies.</param>
public sealed record TriggerStart(EventMessage Trigger, string? EntryKey);
