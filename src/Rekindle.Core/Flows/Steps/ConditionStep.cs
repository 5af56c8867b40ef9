using Rekindle.Core.Conditions;
using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>Branches two ways on a condition; a null branch exits the flow (the original form of <see cref="SplitStep"/>).</summary>
public sealed record ConditionStep(string Id, Condition Condition, string? Then, string? Else) : FlowStep(Id)
{
    public static StepType Type { get; } = new("condition", pauses: false, Read);

    public override StepType Kind => Type;

    public override IEnumerable<FlowStepLink> Links() => [new("then", Then), new("else", Else)];

    public override IEnumerable<Condition> Conditions() => [Condition];

    public override StepOutcome Execute(StepContext context)
    {
        bool holds = context.IsTrue(Condition);
        string path = holds ? "then" : "else";
        string? next = holds ? Then : Else;
        return next is null
            ? StepOutcome.Exit(holds ? FlowExitReasons.ConditionTrue : FlowExitReasons.ConditionFalse, path)
            : StepOutcome.Next(next, path);
    }

    public override void WriteFields(Utf8JsonWriter w)
    {
        w.WritePropertyName("condition");
        ConditionSerializer.Write(w, Condition);

        // Written even when null: on a condition, a missing branch means "exit", worth seeing.
        w.WriteString("then", Then);
        w.WriteString("else", Else);
    }

    private static ConditionStep? Read(StepReader r)
    {
        Condition? condition = r.Condition("condition");
        string? then = r.Link("then");
        string? @else = r.Link("else");
        return r.Valid ? new ConditionStep(r.Id!, condition!, then, @else) : null;
    }
}
