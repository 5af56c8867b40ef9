using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>Reads a condition object: today's event conditions ("eventOccurred" / "eventNotOccurred" since "flowStart").</summary>
internal static class FlowConditionParser
{
    public static FlowCondition? Read(JsonElement value, string path, List<FlowError> errors)
    {
        JsonObjectReader? r = JsonObjectReader.Open(value, path, errors);
        if (r is null)
        {
            return null;
        }

        string? type = r.RequiredString("type");
        if (type is not (FlowJsonNames.EventOccurred or FlowJsonNames.EventNotOccurred))
        {
            if (type is not null)
            {
                r.Error("type", $"unknown condition type '{type}'; expected {FlowJsonNames.OneOf(FlowJsonNames.ConditionTypes)}");
            }

            return null;
        }

        string? eventName = r.RequiredString("event");
        ConditionSince? since = ReadSince(r);
        r.RejectUnknown();
        if (eventName is null || since is null)
        {
            return null;
        }

        return type == FlowJsonNames.EventOccurred
            ? new EventOccurredCondition(eventName, since)
            : new EventNotOccurredCondition(eventName, since);
    }

    private static ConditionSince? ReadSince(JsonObjectReader r)
    {
        string? since = r.RequiredString("since");
        if (since is null)
        {
            return null;
        }

        if (since != FlowJsonNames.SinceFlowStart)
        {
            r.Error("since", $"must be {FlowJsonNames.OneOf(FlowJsonNames.SinceValues)}");
            return null;
        }

        return ConditionSince.FlowStart;
    }
}
