using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.Triggers;
using static Rekindle.Core.Tests.Flows.FlowSamples;

namespace Rekindle.Core.Tests.Flows;

public class FlowReentryTests
{
    [Theory]
    [InlineData("Product Added", true)]
    [InlineData("Checkout Started", true)]
    [InlineData("Order Completed", false)]
    [InlineData("product added", false)]
    public void ShouldStart_TrackEvent_StartsOnlyOnTriggerEvents(string eventName, bool expected)
    {
        Assert.Equal(expected, FlowInterpreter.ShouldStart(AbandonedCart, Track(eventName, T0), Profile(), FlowHistory.None));
    }

    [Fact]
    public void ShouldStart_PageNamedLikeTheTrigger_DoesNotStart()
    {
        EventMessage page = Track("Product Added", T0) with { Type = MessageType.Page, Event = null, Name = "Product Added" };
        EventMessage identifyWithEvent = Track("Product Added", T0) with { Type = MessageType.Identify };

        Assert.False(FlowInterpreter.ShouldStart(AbandonedCart, page, Profile(), FlowHistory.None));
        Assert.False(FlowInterpreter.ShouldStart(AbandonedCart, identifyWithEvent, Profile(), FlowHistory.None));
    }

    [Fact]
    public void ShouldStart_SecondCartEventWhileWaiting_DoesNotStartAnother()
    {
        EventMessage first = Track("Product Added", T0, "m-1");
        FlowInstance waiting = FlowInterpreter.Start(AbandonedCart, "i-1", "c-1", first, Profile(("Product Added", T0)), T0).Instance;
        EventMessage second = Track("Checkout Started", T0.AddHours(2), "m-2");

        bool startsAgain = FlowInterpreter.ShouldStart(AbandonedCart, second, Profile(), new FlowHistory(HasActiveInstance: waiting.Status == FlowInstanceStatus.Active, HasEverStarted: true));

        Assert.False(startsAgain);
    }

    [Theory]
    [InlineData(ReentryPolicy.WhileNotActive, false, false, true)]
    [InlineData(ReentryPolicy.WhileNotActive, true, true, false)]
    [InlineData(ReentryPolicy.WhileNotActive, false, true, true)]
    [InlineData(ReentryPolicy.Once, false, false, true)]
    [InlineData(ReentryPolicy.Once, false, true, false)]
    [InlineData(ReentryPolicy.Once, true, true, false)]
    [InlineData(ReentryPolicy.Always, false, false, true)]
    [InlineData(ReentryPolicy.Always, true, true, true)]
    public void ShouldStart_Policy_FollowsHistory(ReentryPolicy policy, bool active, bool everStarted, bool expected)
    {
        FlowDefinition flow = AbandonedCart with { Reentry = policy };

        Assert.Equal(expected, FlowInterpreter.ShouldStart(flow, Track("Product Added", T0), Profile(), new FlowHistory(active, everStarted)));
    }

    [Theory]
    [InlineData("""{"from":"Loyal","to":"At Risk"}""", true)]
    [InlineData("""{"from":"Loyal","to":"Cannot Lose Them","r":2}""", true)]
    [InlineData("""{"from":"At Risk","to":"Champions"}""", false)]
    [InlineData("""{"from":"Loyal","to":"at risk"}""", false)]
    [InlineData("""{"from":"Loyal"}""", false)]
    [InlineData("""{"to":["At Risk"]}""", false)]
    public void ShouldStart_TriggerWhere_StartsOnlyWhenThePropertiesMatch(string properties, bool expected)
    {
        FlowDefinition flow = Flow(new ExitStep("x")) with
        {
            Trigger = new EventTrigger(["RFM Segment Changed"], [new PropertyFilter("to", ["At Risk", "Cannot Lose Them"])]),
        };
        EventMessage changed = Track("RFM Segment Changed", T0) with { Properties = properties };

        Assert.Equal(expected, FlowInterpreter.ShouldStart(flow, changed, Profile(), FlowHistory.None));
    }

    [Fact]
    public void ShouldStart_TriggerWhereOnANumber_ComparesItsJsonText()
    {
        FlowDefinition flow = Flow(new ExitStep("x")) with { Trigger = new EventTrigger(["Scored"], [new PropertyFilter("r", ["1", "2"])]) };

        Assert.True(FlowInterpreter.ShouldStart(flow, Track("Scored", T0) with { Properties = """{"r":2}""" }, Profile(), FlowHistory.None));
        Assert.False(FlowInterpreter.ShouldStart(flow, Track("Scored", T0) with { Properties = """{"r":3}""" }, Profile(), FlowHistory.None));
    }
}
