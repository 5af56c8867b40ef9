using System.Collections.Immutable;
using System.Text.Json;
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

    /// <summary>More filters than a trigger needs; the bound keeps matching cheap on every event.</summary>
    public const int MaxFilters = 20;

    public override string Type => JsonType;

    /// <summary><see cref="Where"/>, never default.</summary>
    public ImmutableArray<PropertyFilter> Filters => Where.IsDefault ? [] : Where;

    public override bool IsCartTrigger => Events.Any(CommerceEvents.IsCartEvent);

    // ImmutableArray compares by reference; a definition read back from JSON must equal the original.
    public bool Equals(EventTrigger? other) =>
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

    /// <remarks>
    /// A cart event that leaves the cart empty starts nothing: a Product Added whose product or quantity is unusable
    /// (no product_id nor sku, quantity -1), a Product Removed of the last line, a Checkout Started listing no products.
    /// </remarks>
    public override EventMessage? OnEvent(EventMessage e, ContactProfile before, ContactProfile after) =>
        e.Type == MessageType.Track && e.Event is not null && Events.Contains(e.Event, StringComparer.Ordinal)
        && TriggerFilters.Match(Filters, e.Properties)
        && !(CommerceEvents.IsCartEvent(e.Event) && after.Cart.IsEmpty)
            ? e
            : null;

    internal static FlowTrigger? Read(JsonObjectReader trigger, List<FlowError> errors)
    {
        ImmutableArray<string>? events = TriggerJson.ReadEvents(trigger, errors);
        ImmutableArray<PropertyFilter>? where = ReadWhere(trigger, errors);
        return events is null || where is null ? null : new EventTrigger(events.Value, where.Value);
    }

    internal override void WriteFields(Utf8JsonWriter w)
    {
        TriggerJson.WriteEvents(w, Events);
        if (Filters.Length > 0)
        {
            w.WriteStartObject("where");
            foreach (PropertyFilter filter in Filters)
            {
                TriggerJson.WriteValues(w, filter.Property, filter.Values);
            }

            w.WriteEndObject();
        }
    }

    /// <summary>"where": { "to": ["At Risk", "Cannot Lose Them"], "risk": "high" } — a value or a list of values per property.</summary>
    private static ImmutableArray<PropertyFilter>? ReadWhere(JsonObjectReader trigger, List<FlowError> errors)
    {
        JsonElement value = trigger.Get("where");
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return [];
        }

        int before = errors.Count;
        JsonObjectReader? where = JsonObjectReader.Open(value, trigger.PathOf("where"), errors);
        if (where is null)
        {
            return null;
        }

        var filters = ImmutableArray.CreateBuilder<PropertyFilter>();
        foreach (JsonProperty property in value.EnumerateObject())
        {
            int mark = errors.Count;
            if (TriggerJson.ReadValues(where, property.Name) is { IsEmpty: false } allowed)
            {
                filters.Add(new PropertyFilter(property.Name, allowed));
            }
            else if (errors.Count == mark)
            {
                // null in "where" says nothing a filter could test.
                where.Error(property.Name, "must be a value (string, number or boolean) or a non-empty list of them");
            }
        }

        if (filters.Count > MaxFilters)
        {
            trigger.Error("where", $"must have at most {MaxFilters} properties");
        }

        return errors.Count == before ? filters.ToImmutable() : null;
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
