using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rekindle.Core.Flows.Triggers;

namespace Rekindle.Core.Flows;

/// <summary>
/// Writes a flow in the JSON language <see cref="FlowParser"/> reads, so that
/// <c>FlowParser.Parse(FlowSerializer.ToJson(flow)).Flow == flow</c>. Running a definition built in code
/// through that round trip is also how to validate it.
/// </summary>
public static class FlowSerializer
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // The output is stored and shown in editors, not embedded in HTML: keep templates readable
        // ("<p>" rather than "\u003Cp\u003E").
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("id", flow.Id);
            w.WriteString("name", flow.Name);
            TriggerJson.Write(w, flow.Trigger);
            flow.Reentry.Write(w);

            // "start" is implied by the order of the steps; write it only when it says something else.
            if (flow.Steps.IsDefaultOrEmpty || flow.Steps[0].Id != flow.StartStepId)
            {
                w.WriteString("start", flow.StartStepId);
            }

            w.WriteStartArray("steps");
            foreach (FlowStep step in flow.Steps.IsDefault ? [] : flow.Steps)
            {
                WriteStep(w, step);
            }

            w.WriteEndArray();
            if (flow.Goals.Length > 0)
            {
                w.WriteStartArray("goals");
                foreach (FlowGoal goal in flow.Goals)
                {
                    w.WriteStartObject();
                    goal.Match.Write(w);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStep(Utf8JsonWriter w, FlowStep step)
    {
        w.WriteStartObject();
        w.WriteString("id", step.Id);
        w.WriteString("type", step.Kind.Name);
        step.WriteFields(w);
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
