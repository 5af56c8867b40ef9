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
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStep(Utf8JsonWriter w, FlowStep step)
    {
        w.WriteStartObject();
        w.WriteString("id", step.Id);
        switch (step)
        {
            case WaitStep wait:
                w.WriteString("type", FlowJsonNames.WaitStep);
                w.WriteString("duration", FlowDuration.Format(wait.Duration));
                if (wait.BestTime is { } best)
                {
                    w.WriteString("bestTimeWithin", FlowDuration.Format(best.Within));
                    w.WriteString("channel", best.Channel);
                }

                WriteOptional(w, "next", wait.Next);
                break;
            case ConditionStep condition:
                w.WriteString("type", FlowJsonNames.ConditionStep);
                w.WritePropertyName("condition");
                WriteCondition(w, condition.Condition);

                // Written even when null: on a condition, a missing branch means "exit", worth seeing.
                w.WriteString("then", condition.Then);
                w.WriteString("else", condition.Else);
                break;
            case SendEmailStep email:
                w.WriteString("type", FlowJsonNames.SendEmailStep);
                w.WriteString("subject", email.Subject);
                w.WriteString("html", email.Html);
                WriteOptional(w, "text", email.Text);
                WriteOptional(w, "coupon", email.Coupon);
                if (email.Recommendations is { } recommendations)
                {
                    w.WriteStartObject("recommendations");
                    w.WriteString("kind", recommendations.Kind);
                    w.WriteNumber("limit", recommendations.Limit);
                    w.WriteEndObject();
                }

                if (email.Transactional)
                {
                    w.WriteBoolean("transactional", true);
                }

                WriteOptional(w, "next", email.Next);
                break;
            case ExitStep:
                w.WriteString("type", FlowJsonNames.ExitStep);
                break;
            default:
                throw new NotSupportedException($"Step type {step.GetType().Name} has no JSON form.");
        }

        w.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter w, FlowCondition condition)
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

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
