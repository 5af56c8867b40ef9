using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.Triggers;
using static Rekindle.Core.Tests.Flows.FlowSamples;

namespace Rekindle.Core.Tests.Flows.Triggers;

public class ReentryDecisionTests
{
    private static readonly FlowDefinition Thanks = Flow(new ExitStep("x")) with { Trigger = new EventTrigger(["Order Completed"]) };

    [Theory]
    [InlineData(null, false, true)]
    [InlineData(-29, false, false)]
    [InlineData(-30, false, true)]
    [InlineData(-31, true, false)]
    public void Admit_OncePer30Days_NeedsThirtyDaysSinceTheLastStartAndNoneActive(int? lastStartDaysAgo, bool active, bool starts)
    {
        var flow = Thanks with { Reentry = FlowReentry.OncePer(TimeSpan.FromDays(30)) };
        var history = new FlowHistory(active, lastStartDaysAgo is not null, lastStartDaysAgo is { } days ? T0.AddDays(days) : null);

        Assert.Equal(starts, FlowStartDecision.Admit(flow, Track("Order Completed", T0), history) is not null);
    }

    [Fact]
    public void Admit_PerKey_OneActiveInstancePerOrderId()
    {
        var flow = Thanks with { Reentry = FlowReentry.PerKey("order_id") };
        EventMessage Order(string properties) => Track("Order Completed", T0) with { Properties = properties };
        var activeFor42 = new FlowHistory(true, true, T0, new HashSet<string> { "42" });

        Assert.Equal(new TriggerStart(Order("""{"order_id":"43"}"""), "43"), FlowStartDecision.Admit(flow, Order("""{"order_id":"43"}"""), activeFor42));
        Assert.Equal("42", FlowStartDecision.Admit(flow, Order("""{"order_id":42}"""), FlowHistory.None)!.EntryKey);
        Assert.Null(FlowStartDecision.Admit(flow, Order("""{"order_id":"42"}"""), activeFor42));
        Assert.Null(FlowStartDecision.Admit(flow, Order("""{"id":"44"}"""), FlowHistory.None));
    }

    [Fact]
    public void OnEvent_TraitTriggerUnderWhileNotActive_StartsOnlyWithoutAnActiveInstance()
    {
        var flow = Thanks with { Trigger = new TraitChangedTrigger("tier") };
        var before = TriggerTestProfiles.WithTraits(new { tier = "silver" });
        var after = TriggerTestProfiles.WithTraits(new { tier = "gold" });
        var identify = TriggerTestProfiles.Identify(T0);

        Assert.NotNull(FlowStartDecision.OnEvent(flow, identify, before, after, FlowHistory.None));
        Assert.Null(FlowStartDecision.OnEvent(flow, identify, before, after, new FlowHistory(true, true)));
    }
}
