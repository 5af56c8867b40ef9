using Rekindle.Core.Flows.Triggers;
using Rekindle.Core.Conditions;
using Rekindle.Core.Contacts;
using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Events;

namespace Rekindle.Core.Flows;

/// <summary>
/// Which event a waiting step or a goal is waiting for: its name, what its properties must say, and optionally that it
/// is about the message this journey sent at a given step (an "Email Opened" of that email, not of another).
/// </summary>
/// <param name="Where">The shorthand: per top-level property, the values it may have (compared as text).</param>
/// <param name="FromStep">
/// A send step of the same flow: only events whose <c>step_id</c> is that step and whose <c>instance_id</c> is this
/// journey match (the tracking events carry both).
/// </param>
public sealed record EventMatch(string Event, ImmutableArray<PropertyFilter> Where, string? FromStep = null)
{
    /// <summary>A condition on the event's properties in the condition language ("total" at least 50, nested paths, ...).</summary>
    public Condition? Condition { get; init; }

    public bool Equals(EventMatch? other) =>
        other is not null && Event == other.Event && FromStep == other.FromStep && Condition == other.Condition
        && Filters.AsSpan().SequenceEqual(other.Filters.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Event, FromStep, Filters.Length);

    /// <summary><see cref="Where"/>, never default.</summary>
    public ImmutableArray<PropertyFilter> Filters => Where.IsDefault ? [] : Where;

    public bool Matches(EventMessage e, FlowInstance instance, ContactProfile profile, DateTimeOffset now)
    {
        if (e.Type != MessageType.Track || e.Event != Event || !TriggerFilters.Match(Filters, e.Properties)
            || (Condition is not null && !ConditionEvaluator.IsTrue(Condition, new ConditionContext(profile, now, EventProperties: e.Properties))))
        {
            return false;
        }

        if (FromStep is null)
        {
            return true;
        }

        using var document = JsonDocument.Parse(string.IsNullOrEmpty(e.Properties) ? "{}" : e.Properties);
        var properties = document.RootElement;
        return properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty("step_id", out var step) && step.ValueKind == JsonValueKind.String && step.GetString() == FromStep
            && properties.TryGetProperty("instance_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == instance.Id;
    }

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteString("event", Event);
        if (FromStep is not null)
        {
            w.WriteString("fromStep", FromStep);
        }

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

    /// <summary>Reads "event", "where", "condition" and "fromStep" from an object; null (reported) when any is invalid.</summary>
    internal static EventMatch? Read(JsonObjectReader r, List<FlowError> errors)
    {
        string? name = r.RequiredString("event");
        ImmutableArray<PropertyFilter>? where = PropertyFilters.Read(r, "where", errors);
        JsonElement conditionValue = r.Get("condition");
        bool hasCondition = conditionValue.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        Condition? condition = hasCondition ? ConditionParser.Read(conditionValue, r.PathOf("condition"), errors, ConditionScope.EventFilter) : null;
        string? fromStep = r.OptionalString("fromStep");
        return name is null || where is null || (hasCondition && condition is null)
            ? null
            : new EventMatch(name, where.Value, fromStep) { Condition = condition };
    }
}
