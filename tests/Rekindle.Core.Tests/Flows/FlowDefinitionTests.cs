using Rekindle.Core.Flows;
using Rekindle.Core.Flows.Triggers;

namespace Rekindle.Core.Tests.Flows;

public class FlowDefinitionTests
{
    [Fact]
    public void FindStep_KnownAndUnknownIds_FindsOnlyKnown()
    {
        FlowDefinition flow = FlowSamples.AbandonedCart;

        Assert.Equal(FlowSamples.CartEmail, flow.FindStep("email"));
        Assert.Null(flow.FindStep("Email"));
    }

    [Fact]
    public void FindStep_AfterWithNewSteps_SeesTheNewSteps()
    {
        FlowDefinition flow = FlowSamples.AbandonedCart;
        Assert.NotNull(flow.FindStep("check"));

        FlowDefinition edited = flow with { Steps = [new ExitStep("only")] };

        Assert.Null(edited.FindStep("check"));
        Assert.Equal(new ExitStep("only"), edited.FindStep("only"));
        Assert.NotNull(flow.FindStep("check"));
    }

    [Fact]
    public void Equals_SameContentInOtherArrays_IsEqual()
    {
        FlowDefinition copy = FlowSamples.AbandonedCart with
        {
            Trigger = new EventTrigger([.. ((EventTrigger)FlowSamples.AbandonedCart.Trigger).Events]),
            Steps = [.. FlowSamples.AbandonedCart.Steps],
        };

        Assert.Equal(FlowSamples.AbandonedCart, copy);
        Assert.Equal(FlowSamples.AbandonedCart.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(FlowSamples.AbandonedCart, copy with { Steps = copy.Steps.RemoveAt(2) });
    }
}
