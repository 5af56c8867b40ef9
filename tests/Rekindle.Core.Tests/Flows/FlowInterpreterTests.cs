using Rekindle.Core.Conditions;
using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using static Rekindle.Core.Tests.Flows.FlowSamples;

namespace Rekindle.Core.Tests.Flows;

public class FlowInterpreterTests
{
    private static readonly FlowDefinition Cart = AbandonedCart;

    [Fact]
    public void Start_AbandonedCart_WaitsADay()
    {
        var clock = new FakeTimeProvider(T0);
        EventMessage added = Track("Product Added", T0.AddSeconds(-3), "m-added");

        FlowStepResult result = FlowInterpreter.Start(Cart, "i-1", "c-1", added, Profile(("Product Added", added.Timestamp)), clock.GetUtcNow());

        Assert.Equal<FlowEffect>([new ScheduleWake(T0.AddHours(24))], result.Effects);
        Assert.Equal(
            new FlowInstance
            {
                Id = "i-1",
                FlowId = "abandoned-cart",
                ContactId = "c-1",
                Status = FlowInstanceStatus.Active,
                CurrentStepId = "wait",
                StartedAt = T0.AddSeconds(-3),
                WakeAt = T0.AddHours(24),
                TriggerMessageId = "m-added",
                UpdatedAt = T0,
            },
            result.Instance);
    }

    [Fact]
    public void Start_BestTimeWait_SchedulesTheEarliestWithTheWindow()
    {
        var window = new SendTimeWindow(TimeSpan.FromHours(24), "email");
        FlowDefinition flow = Flow(new WaitStep("w", null, TimeSpan.FromHours(24), window));
        EventMessage added = Track("Product Added", T0, "m-added");

        FlowStepResult result = FlowInterpreter.Start(flow, "i-1", "c-1", added, Profile(("Product Added", T0)), T0);

        Assert.Equal<FlowEffect>([new ScheduleWake(T0.AddHours(24), window)], result.Effects);
        Assert.Equal(T0.AddHours(24), result.Instance.WakeAt);
    }

    [Fact]
    public void Resume_AfterADayWithoutOrder_SendsTheEmailAndCompletes()
    {
        var clock = new FakeTimeProvider(T0);
        EventMessage added = Track("Product Added", T0);
        ContactProfile profile = Profile(("Product Added", T0));
        FlowInstance waiting = FlowInterpreter.Start(Cart, "i-1", "c-1", added, profile, clock.GetUtcNow()).Instance;

        clock.Advance(TimeSpan.FromHours(24));
        FlowStepResult result = FlowInterpreter.Resume(Cart, waiting, profile, clock.GetUtcNow());

        Assert.Equal<FlowEffect>([new SendMessage("email", CartEmail.Content)], result.Effects);
        Assert.Equal(
            waiting with { Status = FlowInstanceStatus.Completed, CurrentStepId = "email", WakeAt = null, UpdatedAt = T0.AddHours(24) },
            result.Instance);
    }

    [Fact]
    public void Resume_OrderAfterStart_ExitsWithoutEmail()
    {
        var clock = new FakeTimeProvider(T0);
        FlowInstance waiting = FlowInterpreter.Start(Cart, "i-1", "c-1", Track("Checkout Started", T0), Profile(), clock.GetUtcNow()).Instance;

        clock.Advance(TimeSpan.FromHours(25));
        ContactProfile ordered = Profile(("Checkout Started", T0), ("Order Completed", T0.AddMinutes(10)));
        FlowStepResult result = FlowInterpreter.Resume(Cart, waiting, ordered, clock.GetUtcNow());

        Assert.Empty(result.Effects);
        Assert.Equal(
            waiting with
            {
                Status = FlowInstanceStatus.Exited,
                CurrentStepId = "check",
                WakeAt = null,
                UpdatedAt = T0.AddHours(25),
                ExitReason = "condition-false:check",
            },
            result.Instance);
    }

    [Fact]
    public void Resume_OrderBeforeStart_StillSendsTheEmail()
    {
        ContactProfile profile = Profile(("Order Completed", T0.AddDays(-3)), ("Product Added", T0));
        FlowInstance waiting = FlowInterpreter.Start(Cart, "i-1", "c-1", Track("Product Added", T0), profile, T0).Instance;

        FlowStepResult result = FlowInterpreter.Resume(Cart, waiting, profile, T0.AddHours(24));

        Assert.Equal<FlowEffect>([new SendMessage("email", CartEmail.Content)], result.Effects);
        Assert.Equal(FlowInstanceStatus.Completed, result.Instance.Status);
    }

    [Fact]
    public void Resume_LateTriggerEventAndOrderInBetween_Exits()
    {
        // The cart event was sent from an offline app an hour late; the order came 30 minutes after the cart.
        DateTimeOffset cartAt = T0.AddHours(-1);
        ContactProfile profile = Profile(("Product Added", cartAt), ("Order Completed", cartAt.AddMinutes(30)));
        FlowInstance waiting = FlowInterpreter.Start(Cart, "i-1", "c-1", Track("Product Added", cartAt), profile, T0).Instance;

        FlowStepResult result = FlowInterpreter.Resume(Cart, waiting, profile, T0.AddHours(24));

        Assert.Empty(result.Effects);
        Assert.Equal("condition-false:check", result.Instance.ExitReason);
    }

    [Fact]
    public void Resume_BeforeWakeAt_DoesNothing()
    {
        FlowInstance waiting = FlowInterpreter.Start(Cart, "i-1", "c-1", Track("Product Added", T0), Profile(), T0).Instance;

        FlowStepResult result = FlowInterpreter.Resume(Cart, waiting, Profile(), T0.AddHours(24).AddTicks(-1));

        Assert.Same(waiting, result.Instance);
        Assert.Empty(result.Effects);
    }

    [Fact]
    public void Resume_AgainAfterCompletion_DoesNothing()
    {
        FlowInstance waiting = FlowInterpreter.Start(Cart, "i-1", "c-1", Track("Product Added", T0), Profile(), T0).Instance;
        FlowInstance completed = FlowInterpreter.Resume(Cart, waiting, Profile(), T0.AddHours(24)).Instance;

        FlowStepResult duplicate = FlowInterpreter.Resume(Cart, completed, Profile(), T0.AddHours(24).AddSeconds(1));

        Assert.Same(completed, duplicate.Instance);
        Assert.Empty(duplicate.Effects);
    }

    [Fact]
    public void Resume_InstanceOfAnotherFlow_Throws()
    {
        FlowInstance waiting = FlowInterpreter.Start(Cart, "i-1", "c-1", Track("Product Added", T0), Profile(), T0).Instance;

        Assert.Throws<ArgumentException>(() => FlowInterpreter.Resume(Cart with { Id = "other" }, waiting, Profile(), T0.AddDays(1)));
    }

    [Fact]
    public void Resume_WaitStepRemovedFromEditedFlow_Exits()
    {
        FlowInstance waiting = FlowInterpreter.Start(Cart, "i-1", "c-1", Track("Product Added", T0), Profile(), T0).Instance;
        FlowDefinition edited = Cart with { StartStepId = "check", Steps = Cart.Steps.RemoveAt(0) };

        FlowStepResult result = FlowInterpreter.Resume(edited, waiting, Profile(), T0.AddDays(1));

        Assert.Empty(result.Effects);
        Assert.Equal((FlowInstanceStatus.Exited, "wait", "missing-step:wait"), (result.Instance.Status, result.Instance.CurrentStepId, result.Instance.ExitReason));
    }

    [Fact]
    public void Start_ExitStepAfterEmail_SendsAndExits()
    {
        FlowDefinition flow = Flow(new SendEmailStep("hello", "stop", "s", "h", null), new ExitStep("stop"));

        FlowStepResult result = FlowInterpreter.Start(flow, "i-1", "c-1", Track("Product Added", T0), Profile(), T0);

        Assert.Equal<FlowEffect>([new SendMessage("hello", ((SendEmailStep)flow.Steps[0]).Content)], result.Effects);
        Assert.Equal((FlowInstanceStatus.Exited, "stop", "exit-step:stop"), (result.Instance.Status, result.Instance.CurrentStepId, result.Instance.ExitReason));
        Assert.Null(result.Instance.WakeAt);
    }

    [Fact]
    public void Start_EventOccurredSinceStartIncludesTheTrigger_TakesThen()
    {
        FlowDefinition flow = Flow(
            new ConditionStep("c", new EventCondition("Product Added", EventWindow.FlowStart, EventCount.Occurred), "yes", null),
            new SendEmailStep("yes", null, "s", "h", null));

        FlowStepResult result = FlowInterpreter.Start(flow, "i-1", "c-1", Track("Product Added", T0), Profile(("Product Added", T0)), T0);

        Assert.Equal<FlowEffect>([new SendMessage("yes", ((SendEmailStep)flow.Steps[1]).Content)], result.Effects);
        Assert.Equal(FlowInstanceStatus.Completed, result.Instance.Status);
    }

    [Fact]
    public void Start_CycleWithoutWait_StopsAtTheStepLimit()
    {
        // The parser rejects this shape; a hand-built definition must still not hang the grain.
        FlowDefinition flow = Flow(new SendEmailStep("spin", "spin", "s", "h", null));

        FlowStepResult result = FlowInterpreter.Start(flow, "i-1", "c-1", Track("Product Added", T0), Profile(), T0);

        Assert.Equal(FlowInterpreter.MaxStepsPerRun, result.Effects.Length);
        Assert.Equal((FlowInstanceStatus.Exited, "step-limit:spin"), (result.Instance.Status, result.Instance.ExitReason));
    }

    [Fact]
    public void Start_MissingStartStep_Exits()
    {
        FlowDefinition flow = Flow(new ExitStep("x")) with { StartStepId = "ghost" };

        FlowStepResult result = FlowInterpreter.Start(flow, "i-1", "c-1", Track("Product Added", T0), Profile(), T0);

        Assert.Empty(result.Effects);
        Assert.Equal((FlowInstanceStatus.Exited, "ghost", "missing-step:ghost"), (result.Instance.Status, result.Instance.CurrentStepId, result.Instance.ExitReason));
    }

    [Fact]
    public void Resume_WeeklyDigestForAYear_RunsInMilliseconds()
    {
        FlowDefinition flow = Flow(
            new WaitStep("week", "check", TimeSpan.FromDays(7)),
            new ConditionStep("check", new EventCondition("Unsubscribed", EventWindow.FlowStart, EventCount.NotOccurred), "mail", null),
            new SendEmailStep("mail", "week", "s", "h", null));
        var clock = new FakeTimeProvider(T0);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        FlowStepResult result = FlowInterpreter.Start(flow, "i-1", "c-1", Track("Product Added", T0), Profile(), clock.GetUtcNow());
        var sent = ImmutableArray.CreateBuilder<DateTimeOffset>();
        while (clock.GetUtcNow() < T0.AddDays(365))
        {
            clock.Advance(TimeSpan.FromDays(1));
            result = FlowInterpreter.Resume(flow, result.Instance, Profile(), clock.GetUtcNow());
            sent.AddRange(result.Effects.OfType<SendMessage>().Select(_ => clock.GetUtcNow()));
        }

        watch.Stop();
        Assert.Equal(52, sent.Count);
        Assert.Equal(T0.AddDays(7), sent[0]);
        Assert.Equal(T0.AddDays(364), sent[^1]);
        Assert.Equal(FlowInstanceStatus.Active, result.Instance.Status);
        Assert.Equal(T0.AddDays(371), result.Instance.WakeAt);

        // Generous for a shared CI machine; a real clock or a sleep anywhere would blow it by orders of magnitude.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"a simulated year took {watch.Elapsed}");
    }
}
