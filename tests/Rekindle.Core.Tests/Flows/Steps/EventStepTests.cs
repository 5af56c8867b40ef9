using Rekindle.Core.Flows.Triggers;
using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using static Rekindle.Core.Tests.Flows.FlowSamples;

namespace Rekindle.Core.Tests.Flows.Steps;

/// <summary>Events reaching running instances: waits for an event and the flow's goals.</summary>
public class EventStepTests
{
    private static readonly SendEmailStep First = new("first", "opened?", "Hello", "<p>Hello</p>", null);

    private static readonly FlowDefinition Engagement = Flow(
        First,
        new WaitForEventStep("opened?", new EventMatch("Email Opened", [], "first"), TimeSpan.FromDays(3), "thanks", "nudge"),
        new SendEmailStep("thanks", null, "Thanks for reading", "<p>More</p>", null),
        new SendEmailStep("nudge", null, "Did you miss this?", "<p>Again</p>", null)) with
    {
        Trigger = new EventTrigger(["Signed Up"]),
        Goals = [new FlowGoal(new EventMatch("Order Completed", [new PropertyFilter("currency", ["EUR"])]))],
    };

    private static FlowInstance Waiting() =>
        FlowInterpreter.Start(Engagement, "i-1", "c-1", Track("Signed Up", T0, "m-signup"), new FlowInput(Profile(), T0)).Instance;

    private static EventMessage Opened(string stepId, string instanceId, DateTimeOffset at) => Track("Email Opened", at, "m-open") with
    {
        Properties = $$"""{"message_id":"x","flow_id":"f","step_id":"{{stepId}}","instance_id":"{{instanceId}}"}""",
    };

    [Fact]
    public void Start_SendsThenWaitsForTheOpenWithATimeout()
    {
        FlowStepResult result = FlowInterpreter.Start(Engagement, "i-1", "c-1", Track("Signed Up", T0), new FlowInput(Profile(), T0));

        Assert.Equal<FlowEffect>([new SendMessage("first", First.Content), new ScheduleWake(T0.AddDays(3))], result.Effects);
        Assert.Equal(("opened?", T0.AddDays(3)), (result.Instance.CurrentStepId, result.Instance.WakeAt));
        Assert.Equal<StepVisit>([new("first", T0, "next"), new("opened?", T0, "waiting")], result.Visits);
    }

    [Fact]
    public void OnEvent_TheOpenOfThisJourneysEmail_TakesTheEventPath()
    {
        DateTimeOffset at = T0.AddHours(5);

        FlowStepResult result = FlowInterpreter.OnEvent(Engagement, Waiting(), Opened("first", "i-1", at), new FlowInput(Profile(), at));

        Assert.Equal(FlowInstanceStatus.Completed, result.Instance.Status);
        Assert.Equal(["thanks"], result.Effects.OfType<SendMessage>().Select(s => s.StepId));
        Assert.Equal<StepVisit>([new("opened?", at, "next", "event", Resumed: true), new("thanks", at, "completed")], result.Visits);
    }

    [Theory]
    [InlineData("first", "i-2")]     // the same email of another journey
    [InlineData("other", "i-1")]     // another email of this journey
    public void OnEvent_AnotherMessagesOpen_KeepsWaiting(string stepId, string instanceId)
    {
        FlowInstance waiting = Waiting();
        DateTimeOffset at = T0.AddHours(5);

        FlowStepResult result = FlowInterpreter.OnEvent(Engagement, waiting, Opened(stepId, instanceId, at), new FlowInput(Profile(), at));

        Assert.Same(waiting, result.Instance);
        Assert.Empty(result.Effects);
        Assert.Empty(result.Visits);
    }

    [Fact]
    public void OnEvent_AnOpenFromBeforeTheWaitBegan_DoesNotCount()
    {
        FlowInstance waiting = Waiting();

        FlowStepResult result = FlowInterpreter.OnEvent(Engagement, waiting, Opened("first", "i-1", T0.AddMinutes(-1)), new FlowInput(Profile(), T0.AddHours(1)));

        Assert.Same(waiting, result.Instance);
    }

    [Fact]
    public void Resume_NoOpenBeforeTheTimeout_TakesTheTimeoutPath()
    {
        DateTimeOffset at = T0.AddDays(3);

        FlowStepResult result = FlowInterpreter.Resume(Engagement, Waiting(), new FlowInput(Profile(), at));

        Assert.Equal(["nudge"], result.Effects.OfType<SendMessage>().Select(s => s.StepId));
        Assert.Equal<StepVisit>([new("opened?", at, "next", "timeout", Resumed: true), new("nudge", at, "completed")], result.Visits);
    }

    [Fact]
    public void OnEvent_AnOpenAfterTheTimeoutBeforeTheTimerRan_LeavesItToTheTimer()
    {
        FlowInstance waiting = Waiting();
        DateTimeOffset late = T0.AddDays(3).AddSeconds(1);

        FlowStepResult result = FlowInterpreter.OnEvent(Engagement, waiting, Opened("first", "i-1", late), new FlowInput(Profile(), late));

        Assert.Same(waiting, result.Instance);
    }

    [Fact]
    public void OnEvent_AGoalEvent_ConvertsWhereverTheInstanceWaits()
    {
        DateTimeOffset at = T0.AddHours(2);
        EventMessage order = Track("Order Completed", at, "m-order") with { Properties = """{"order_id":"o-1","currency":"EUR"}""" };

        FlowStepResult result = FlowInterpreter.OnEvent(Engagement, Waiting(), order, new FlowInput(Profile(), at));

        Assert.Equal((FlowInstanceStatus.Converted, "goal:Order Completed", (DateTimeOffset?)null),
            (result.Instance.Status, result.Instance.ExitReason, result.Instance.WakeAt));
        Assert.Empty(result.Effects);
        Assert.Equal<StepVisit>([new("opened?", at, "converted", "Order Completed", Resumed: true)], result.Visits);
    }

    [Theory]
    [InlineData("""{"currency":"USD"}""", 2)]    // the goal's where does not hold
    [InlineData("""{"currency":"EUR"}""", -2)]   // it happened before the journey began
    public void OnEvent_NotAGoal_KeepsWaiting(string properties, int hoursFromStart)
    {
        FlowInstance waiting = Waiting();
        EventMessage order = Track("Order Completed", T0.AddHours(hoursFromStart), "m-order") with { Properties = properties };

        FlowStepResult result = FlowInterpreter.OnEvent(Engagement, waiting, order, new FlowInput(Profile(), T0.AddHours(3)));

        Assert.Same(waiting, result.Instance);
    }

    [Fact]
    public void OnEvent_TheTriggerItself_IsNotAnAnswer()
    {
        FlowInstance waiting = Waiting();

        FlowStepResult result = FlowInterpreter.OnEvent(Engagement, waiting, Track("Signed Up", T0, "m-signup"), new FlowInput(Profile(), T0));

        Assert.Same(waiting, result.Instance);
    }
}
