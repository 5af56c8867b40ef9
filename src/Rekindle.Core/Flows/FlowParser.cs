using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Flows.Triggers;

namespace Rekindle.Core.Flows;

/// <summary>
/// Reads and validates the JSON flow language. Every problem is collected, so an editor can show them all
/// at once: per object its fields' problems then its unknown properties, and the graph checks last.
/// Keys are camelCase and case-sensitive; unknown keys, step types and condition types are errors.
/// "reentry" defaults to whileNotActive; "start" (a step id) defaults to the first step.
/// </summary>
/// <example>
/// <code>
/// {"id":"abandoned-cart","name":"Abandoned cart","trigger":{"events":["Product Added"]},"reentry":"whileNotActive",
///  "steps":[{"id":"wait","type":"wait","duration":"24h","next":"check"},
///           {"id":"check","type":"condition","condition":{"type":"eventNotOccurred","event":"Order Completed","since":"flowStart"},"then":"email","else":null},
///           {"id":"email","type":"sendEmail","subject":"...","html":"...","text":"..."}]}
/// </code>
/// </example>
public static class FlowParser
{
    /// <summary>
    /// More steps than any real flow needs; the bound keeps validation (quadratic in the worst case) cheap
    /// for whatever the API is sent.
    /// </summary>
    public const int MaxSteps = 500;

    public static FlowParseResult Parse(string json)
    {
        var (flow, errors) = JsonObjectReader.ReadDocument(json, Read);
        return new(flow, errors);
    }

    private static FlowDefinition? Read(JsonElement rootElement, List<FlowError> errors)
    {
        JsonObjectReader? root = JsonObjectReader.Open(rootElement, "", errors);
        if (root is null)
        {
            return null;
        }

        string? id = root.RequiredIdentifier("id");
        string? name = root.RequiredString("name");
        FlowTrigger? trigger = TriggerJson.Read(root, errors);
        FlowReentry? reentry = FlowReentry.Read(root, trigger, errors);
        string? start = root.OptionalString("start");
        (ImmutableArray<FlowStep> steps, List<FlowGraphNode?>? nodes) = ReadSteps(root, errors);
        ImmutableArray<FlowGoal>? goals = FlowGoal.ReadAll(root, errors);
        root.RejectUnknown();
        if (nodes is not null)
        {
            FlowGraphValidator.Validate(nodes, start, errors);
        }

        if (!steps.IsDefaultOrEmpty)
        {
            FlowReferences.Check(steps, errors);
        }

        if (id is null || name is null || trigger is null || reentry is null || steps.IsDefaultOrEmpty || goals is null)
        {
            return null;
        }

        return new FlowDefinition(id, name, trigger, reentry, start ?? steps[0].Id, steps) { Goals = goals.Value };
    }

    private static (ImmutableArray<FlowStep> Steps, List<FlowGraphNode?>? Nodes) ReadSteps(JsonObjectReader root, List<FlowError> errors)
    {
        JsonElement value = root.Get("steps");
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            root.Error("steps", "is required");
            return (default, null);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            root.Error("steps", "must be an array");
            return (default, null);
        }

        if (value.GetArrayLength() == 0)
        {
            root.Error("steps", "must contain at least one step");
            return (default, null);
        }

        if (value.GetArrayLength() > MaxSteps)
        {
            root.Error("steps", $"must contain at most {MaxSteps} steps");
            return (default, null);
        }

        var steps = ImmutableArray.CreateBuilder<FlowStep>();
        var nodes = new List<FlowGraphNode?>();
        bool valid = true;
        foreach (JsonElement item in value.EnumerateArray())
        {
            (FlowStep? step, FlowGraphNode? node) = FlowStepParser.Read(item, nodes.Count, errors);
            nodes.Add(node);
            if (step is null)
            {
                valid = false;
            }
            else
            {
                steps.Add(step);
            }
        }

        return (valid ? steps.ToImmutable() : default, nodes);
    }
}
