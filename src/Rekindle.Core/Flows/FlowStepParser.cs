using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>Reads one element of "steps": the id and type here, everything else by the step type's own reader.</summary>
internal static class FlowStepParser
{
    /// <returns>The step when it is entirely valid; the graph node whenever the step has a usable id.</returns>
    public static (FlowStep? Step, FlowGraphNode? Node) Read(JsonElement value, int index, List<FlowError> errors)
    {
        JsonObjectReader? fields = JsonObjectReader.Open(value, $"steps[{index}]", errors);
        if (fields is null)
        {
            return (null, null);
        }

        string? id = fields.RequiredIdentifier("id");
        string? typeName = fields.RequiredString("type");
        var reader = new StepReader(fields, id, errors);
        StepType? type = typeName is null ? null : FlowStepTypes.Find(typeName);
        FlowStep? step = null;
        if (type is not null)
        {
            step = type.Read(reader);
            fields.RejectUnknown();
        }
        else
        {
            if (typeName is not null)
            {
                fields.Error("type", $"unknown step type '{typeName}'; expected {FlowJsonNames.OneOf(FlowStepTypes.All.Select(t => t.Name))}");
            }

            // Which properties belong, and so where the step leads, is unknown.
            reader.MarkLinksUnknown();
        }

        FlowGraphNode? node = id is null ? null : new FlowGraphNode(index, id, reader.Links, type?.Pauses ?? false);
        return (reader.Valid ? step : null, node);
    }
}
