using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>Ends the flow as exited (as opposed to completed by running off the end).</summary>
public sealed record ExitStep(string Id) : FlowStep(Id)
{
    public static StepType Type { get; } = new("exit", pauses: false, r => r.Valid ? new ExitStep(r.Id!) : null);

    public override StepType Kind => Type;

    public override IEnumerable<FlowStepLink> Links() => [];

    public override StepOutcome Execute(StepContext context) => StepOutcome.Exit(FlowExitReasons.ExitStep);

    public override void WriteFields(Utf8JsonWriter w)
    {
    }
}
