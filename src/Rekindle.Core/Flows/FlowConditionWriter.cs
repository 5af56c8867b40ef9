using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>Writes a condition in the form <see cref="FlowConditionParser"/> reads.</summary>
internal static class FlowConditionWriter
{
    public static void Write(Utf8JsonWriter w, FlowCondition condition)
    {
        (string type, string eventName, ConditionSince since) = condition switch
        {
            EventOccurredCondition c => (FlowJsonNames.EventOccurred, c.Event, c.Since),
            EventNotOccurredCondition c => (FlowJsonNames.EventNotOccurred, c.Event, c.Since),
            _ => throw new NotSupportedException($"Condition type {condition.GetType().Name} has no JSON form."),
        };
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("event", eventName);
        w.WriteString("since", since switch
        {
            SinceFlowStart => FlowJsonNames.SinceFlowStart,
            _ => throw new NotSupportedException($"Since {since.GetType().Name} has no JSON form."),
        });
        w.WriteEndObject();
    }
}
