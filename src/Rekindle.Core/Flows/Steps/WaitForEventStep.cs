using System.Text.Json;
using Rekindle.Core.Events;

namespace Rekindle.Core.Flows;

/// <summary>
/// Waits until the contact does something (<see cref="Match"/>) or <see cref="Timeout"/> passes, and goes on a different
/// way for each: "opened the first email" to <see cref="Next"/>, "ignored it for 3 days" to <see cref="TimeoutNext"/>.
/// </summary>
public sealed record WaitForEventStep(string Id, EventMatch Match, TimeSpan Timeout, string? Next, string? TimeoutNext) : FlowStep(Id)
{
    public static StepType Type { get; } = new("waitForEvent", pauses: true, Read);

    public override StepType Kind => Type;

    public override IEnumerable<FlowStepLink> Links() => [new("next", Next), new("timeoutNext", TimeoutNext)];

    public override StepOutcome Execute(StepContext context) => StepOutcome.Pause(context.Now + Timeout);

    public override StepOutcome OnWake(StepContext context) => StepOutcome.Next(TimeoutNext, "timeout");

    /// <remarks>
    /// Only what the contact did after the wait began counts (the instance's UpdatedAt is when it began waiting): an
    /// event reaching us late that happened before is not an answer to the email, and the same event offered twice
    /// cannot move the instance through two waits.
    /// </remarks>
    public override StepOutcome? OnEvent(StepContext context, EventMessage e) =>
        e.Timestamp > context.Instance.UpdatedAt && Match.Matches(e, context.Instance, context.Profile, context.Now) ? StepOutcome.Next(Next, "event") : null;

    public override void WriteFields(Utf8JsonWriter w)
    {
        Match.Write(w);
        w.WriteString("timeout", FlowDuration.Format(Timeout));
        w.WriteString("next", Next);
        w.WriteString("timeoutNext", TimeoutNext);
    }

    private static WaitForEventStep? Read(StepReader r)
    {
        EventMatch? match = EventMatch.Read(r.Fields, r.Errors);
        TimeSpan? timeout = r.Duration("timeout");
        string? next = r.Link("next");
        string? timeoutNext = r.Link("timeoutNext");
        return r.Valid ? new WaitForEventStep(r.Id!, match!, timeout!.Value, next, timeoutNext) : null;
    }
}
