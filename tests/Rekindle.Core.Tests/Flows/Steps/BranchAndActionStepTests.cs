using Rekindle.Core.Flows.Triggers;
using Rekindle.Core.Conditions;
using System.Text.Json;
using Rekindle.Core.Flows;
using Rekindle.Core.Messaging;
using static Rekindle.Core.Tests.Flows.FlowSamples;

namespace Rekindle.Core.Tests.Flows.Steps;

public class BranchAndActionStepTests
{
    private static readonly Condition Ordered = new EventCondition("Order Completed", EventWindow.FlowStart, EventCount.Occurred);
    private static readonly Condition Viewed = new EventCondition("Product Viewed", EventWindow.FlowStart, EventCount.Occurred);

    private static FlowStepResult Run(FlowDefinition flow, params (string Event, DateTimeOffset At)[] events) =>
        FlowInterpreter.Start(flow with { Trigger = new EventTrigger(["Signed Up"]) }, "i-1", "c-1", Track("Signed Up", T0), new FlowInput(Profile(events), T0.AddMinutes(1)));

    private static readonly FlowDefinition Split = Flow(
        new SplitStep("s", [new SplitBranch("buyer", Ordered, "a"), new SplitBranch(null, Viewed, "b")], "c"),
        new ExitStep("a"), new ExitStep("b"), new ExitStep("c"));

    [Fact]
    public void Split_TheFirstBranchThatHolds_IsTaken()
    {
        Assert.Equal(new StepVisit("s", T0.AddMinutes(1), "next", "buyer"), Run(Split, ("Order Completed", T0), ("Product Viewed", T0)).Visits[0]);
        Assert.Equal(new StepVisit("s", T0.AddMinutes(1), "next", "branches[1]"), Run(Split, ("Product Viewed", T0)).Visits[0]);
        Assert.Equal(new StepVisit("s", T0.AddMinutes(1), "next", "else"), Run(Split).Visits[0]);
    }

    [Fact]
    public void Split_ABranchLeadingNowhere_Exits()
    {
        FlowDefinition flow = Flow(new SplitStep("s", [new SplitBranch("buyer", Ordered, null)], "c"), new ExitStep("c"));

        FlowStepResult result = Run(flow, ("Order Completed", T0));

        Assert.Equal((FlowInstanceStatus.Exited, "split:s"), (result.Instance.Status, result.Instance.ExitReason));
    }

    [Fact]
    public void RandomSplit_TheSameInstance_AlwaysTakesTheSamePath()
    {
        var split = new RandomSplitStep("ab", [new RandomPath("A", 1, null), new RandomPath("B", 1, null)]);

        var first = Enumerable.Range(0, 200).Select(i => split.Choose($"i-{i}").Name).ToList();
        var again = Enumerable.Range(0, 200).Select(i => split.Choose($"i-{i}").Name).ToList();

        Assert.Equal(first, again);
        Assert.Contains("A", first);
        Assert.Contains("B", first);
    }

    [Fact]
    public void ProfileSteps_ChangeTheProfileLaterStepsSee()
    {
        FlowDefinition flow = Flow(
            new AddTagStep("t1", "t2", "vip"),
            new AddTagStep("t2", "t3", "winback"),
            new RemoveTagStep("t3", "set", "winback"),
            new SetAttributeStep("set", "unset", "stage", JsonDocument.Parse("""{"n":2}""").RootElement.Clone()),
            new SetAttributeStep("unset", null, "plan", JsonDocument.Parse("null").RootElement.Clone()));
        var profile = Profile() with { Traits = Profile().Traits.Add("plan", JsonDocument.Parse("\"gold\"").RootElement.Clone()) };

        FlowStepResult result = FlowInterpreter.Start(flow, "i-1", "c-1", Track("Signed Up", T0), new FlowInput(profile, T0));

        Assert.Equal(["vip"], result.Profile!.Tags);
        Assert.Equal(["stage"], result.Profile.Traits.Keys);
        Assert.Equal("""{"n":2}""", result.Profile.Traits["stage"].GetRawText());
    }

    [Fact]
    public void ProfileSteps_NothingChanged_NoProfileToStore()
    {
        FlowStepResult result = Run(Flow(new RemoveTagStep("t", null, "never-had-it")));

        Assert.Null(result.Profile);
    }

    [Fact]
    public void Actions_EmitChannelNeutralMessagesAndCoupons()
    {
        FlowDefinition flow = Flow(
            new IssueCouponStep("code", "hook", "welcome-10"),
            new SendWebhookStep("hook", "team", "https://crm.example.com/h", """{"email":"{{ contact.email }}"}"""),
            new NotifyStep("team", null, "team@shop.example.com", "New VIP", "<p>{{ contact.email }}</p>"));

        FlowStepResult result = Run(flow);

        Assert.Equal<FlowEffect>(
            [
                new IssueCoupon("code", "welcome-10"),
                new SendMessage("hook", new WebhookContent("https://crm.example.com/h", """{"email":"{{ contact.email }}"}""")),
                new SendMessage("team", new EmailContent("New VIP", "<p>{{ contact.email }}</p>", null, To: "team@shop.example.com") { Transactional = true }),
            ],
            result.Effects);
        Assert.Equal([MessageChannels.Webhook, MessageChannels.Email], result.Effects.OfType<SendMessage>().Select(s => s.Channel));
    }
}
