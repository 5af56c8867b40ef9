using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;

namespace Rekindle.Core.Flows.Triggers;

/// <summary>
/// Starts a flow when an identify call changes a trait's value, optionally only from and/or to given values.
/// Values compare as <c>where</c> does (a string's value, a number's or boolean's JSON text); a trait appearing for the
/// first time changes from nothing (so a "from" never matches it), a removed one changes to nothing.
/// The instance starts with a "Trait Changed" event whose properties are <c>trait</c>, <c>from</c> and <c>to</c> (JSON
/// values, null when absent).
/// </summary>
/// <example><code>{"type": "traitChanged", "trait": "loyalty_tier", "from": "silver", "to": ["gold", "platinum"]}</code></example>
public sealed record TraitChangedTrigger(string Trait, ImmutableArray<string> From = default, ImmutableArray<string> To = default) : FlowTrigger
{
    public const string JsonType = "traitChanged";

    public override string Type => JsonType;

    public bool Equals(TraitChangedTrigger? other) =>
        other is not null && Trait == other.Trait && TriggerJson.Same(From, other.From) && TriggerJson.Same(To, other.To);

    public override int GetHashCode() => HashCode.Combine(Trait, From.IsDefault ? 0 : From.Length, To.IsDefault ? 0 : To.Length);

    public override EventMessage? OnEvent(EventMessage e, ContactProfile before, ContactProfile after)
    {
        if (e.Type != MessageType.Identify)
        {
            return null;
        }

        JsonElement? was = before.Traits.TryGetValue(Trait, out JsonElement b) ? b : null;
        JsonElement? now = after.Traits.TryGetValue(Trait, out JsonElement a) ? a : null;
        if (SameValue(was, now)
            || !TriggerJson.Allows(From, Text(was)) || !TriggerJson.Allows(To, Text(now)))
        {
            return null;
        }

        return TriggerEvents.Synthesise($"{e.MessageId}/trait/{Trait}", TriggerEvents.TraitChanged, e.Timestamp, w =>
        {
            w.WriteString("trait", Trait);
            TriggerEvents.WriteValue(w, "from", was);
            TriggerEvents.WriteValue(w, "to", now);
        }, e.UserId);
    }

    internal static FlowTrigger? Read(JsonObjectReader trigger, List<FlowError> errors)
    {
        string? trait = trigger.RequiredString("trait");
        ImmutableArray<string>? from = TriggerJson.ReadValues(trigger, "from");
        ImmutableArray<string>? to = TriggerJson.ReadValues(trigger, "to");
        return trait is null || from is null || to is null ? null : new TraitChangedTrigger(trait, from.Value, to.Value);
    }

    internal override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString("trait", Trait);
        TriggerJson.WriteValues(w, "from", From);
        TriggerJson.WriteValues(w, "to", To);
    }

    private static string? Text(JsonElement? value) => value is { } v ? TriggerFilters.Text(v) : null;

    // Raw JSON text: "1" and 1 differ as stored values even though a filter reads both as "1".
    private static bool SameValue(JsonElement? a, JsonElement? b) =>
        (a, b) switch
        {
            (null, null) => true,
            ({ } x, { } y) => x.GetRawText() == y.GetRawText(),
            _ => false,
        };
}
