using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Conditions;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;

namespace Rekindle.Core.Flows.Triggers;

/// <summary>
/// The track event names that start a flow (exact, case-sensitive, as Segment sends them), and optionally what their
/// properties must say: "RFM Segment Changed" only when <c>to</c> is "At Risk" or "Cannot Lose Them".
/// </summary>
/// <example><code>{"events": ["RFM Segment Changed"], "where": {"to": ["At Risk", "Cannot Lose Them"]}}</code></example>
/// <param name="Where">Every filter must hold; empty (or default): the event name is enough.</param>
public sealed record EventTrigger(ImmutableArray<string> Events, ImmutableArray<PropertyFilter> Where = default) : FlowTrigger
{
    public const string JsonType = "event";

    public override string Type => JsonType;

    /// <summary>
    /// A condition in the condition language on the event's properties and the contact (after the event), beside the
    /// <see cref="Where"/> shorthand: <c>{"property": "total", "op": "gte", "value": 100}</c>.
    /// </summary>
    public Condition? Condition { get; init; }

    /// <summary><see cref="Where"/>, never default.</summary>
    public ImmutableArray<PropertyFilter> Filters => Where.IsDefault ? [] : Where;

    public override bool IsCartTrigger => Events.Any(CommerceEvents.IsCartEvent);

    // ImmutableArray compares by reference; a definition read back from JSON must equal the original.
    public bool Equals(EventTrigger? other) =>
        other is not null
        && Events.AsSpan().SequenceEqual(other.Events.AsSpan())
        && Filters.AsSpan().SequenceEqual(other.Filters.AsSpan())
        && Condition == other.Condition;

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

    /// <remarks>
    /// A cart event that leaves the cart empty starts nothing: a Product Added whose product or quantity is unusable
    /// (no product_id nor sku, quantity -1), a Product Removed of the last line, a Checkout Started listing no products.
    /// </remarks>
    public override EventMessage? OnEvent(EventMessage e, ContactProfile before, ContactProfile after) =>
        e.Type == MessageType.Track && e.Event is not null && Events.Contains(e.Event, StringComparer.Ordinal)
        && TriggerFilters.Match(Filters, e.Properties)
        && (Condition is null || ConditionEvaluator.IsTrue(Condition, new ConditionContext(after, e.Timestamp, EventProperties: e.Properties)))
        && !(CommerceEvents.IsCartEvent(e.Event) && after.Cart.IsEmpty)
            ? e
            : null;

    internal static FlowTrigger? Read(JsonObjectReader trigger, List<FlowError> errors)
    {
        ImmutableArray<string>? events = TriggerJson.ReadEvents(trigger, errors);
        ImmutableArray<PropertyFilter>? where = PropertyFilters.Read(trigger, "where", errors);
        JsonElement conditionValue = trigger.Get("condition");
        bool hasCondition = conditionValue.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        Condition? condition = hasCondition ? ConditionParser.Read(conditionValue, trigger.PathOf("condition"), errors, ConditionScope.Trigger) : null;
        return events is null || where is null || (hasCondition && condition is null)
            ? null
            : new EventTrigger(events.Value, where.Value) { Condition = condition };
    }

    internal override void WriteFields(Utf8JsonWriter w)
    {
        TriggerJson.WriteEvents(w, Events);
        if (Filters.Length > 0)
        {
            w.WritePropertyName("where");
            PropertyFilters.Write(w, Filters);
        }

        if (Condition is not null)
        {
            w.WritePropertyName("condition");
            ConditionSerializer.Write(w, Condition);
        }
    }
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
