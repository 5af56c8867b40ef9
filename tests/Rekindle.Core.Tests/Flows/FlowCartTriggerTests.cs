using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.Triggers;
using static Rekindle.Core.Tests.Flows.FlowSamples;

namespace Rekindle.Core.Tests.Flows;

/// <summary>A flow triggered by cart events needs a cart: it neither starts nor sends for an empty one.</summary>
public class FlowCartTriggerTests
{
    private static readonly ContactProfile NoCart = Profile() with { Cart = [] };

    [Theory]
    [InlineData("""{"product_id":"lamp-1","price":"five","quantity":-1}""")]
    [InlineData("""{"product_id":"lamp-1","quantity":0}""")]
    [InlineData("""{"name":"Lamp without an id","price":10}""")]
    public void ShouldStart_ProductAddedThatLeavesTheCartEmpty_DoesNotStart(string properties)
    {
        var added = Track("Product Added", T0) with { Properties = properties };
        var profile = ProfileReducer.Apply(NoCart, added);

        Assert.Empty(profile.Cart);
        Assert.False(FlowInterpreter.ShouldStart(AbandonedCart, added, profile, FlowHistory.None));
    }

    [Fact]
    public void ShouldStart_ProductAddedWithANumericStringPrice_Starts()
    {
        var added = Track("Product Added", T0) with { Properties = """{"product_id":"lamp-1","price":"89.95","quantity":"2"}""" };
        var profile = ProfileReducer.Apply(NoCart, added);

        Assert.Equal((89.95m, 2), (Assert.Single(profile.Cart).Price, profile.Cart[0].Quantity));
        Assert.True(FlowInterpreter.ShouldStart(AbandonedCart, added, profile, FlowHistory.None));
    }

    [Fact]
    public void ShouldStart_CheckoutStartedWithNoProducts_DoesNotStart()
    {
        var checkout = Track("Checkout Started", T0) with { Properties = """{"products":[]}""" };

        Assert.False(FlowInterpreter.ShouldStart(AbandonedCart, checkout, ProfileReducer.Apply(Profile(), checkout), FlowHistory.None));
    }

    [Fact]
    public void ShouldStart_NonCartEventOfAFlowThatAlsoListensToCartEvents_StartsWithoutACart()
    {
        var flow = AbandonedCart with { Trigger = new EventTrigger(["Product Added", "Newsletter Joined"]) };

        Assert.True(FlowInterpreter.ShouldStart(flow, Track("Newsletter Joined", T0), NoCart, FlowHistory.None));
        Assert.False(FlowInterpreter.ShouldStart(flow, Track("Product Added", T0), NoCart, FlowHistory.None));
    }

    [Fact]
    public void Resume_CartEmptiedDuringTheWait_ExitsAtTheSendStepWithoutSending()
    {
        var waiting = FlowInterpreter.Start(AbandonedCart, "i-1", "c-1", Track("Product Added", T0), Profile(("Product Added", T0)), T0).Instance;
        var emptied = Profile(("Product Added", T0), ("Product Removed", T0.AddHours(1))) with { Cart = [] };

        var result = FlowInterpreter.Resume(AbandonedCart, waiting, emptied, T0.AddHours(24));

        Assert.Empty(result.Effects);
        Assert.Equal((FlowInstanceStatus.Exited, "email", "cart-empty:email"),
            (result.Instance.Status, result.Instance.CurrentStepId, result.Instance.ExitReason));
    }

    [Fact]
    public void Resume_FlowNotTriggeredByTheCart_SendsWhateverTheCart()
    {
        var welcome = AbandonedCart with { Trigger = new EventTrigger(["Signed Up"]) };
        var waiting = FlowInterpreter.Start(welcome, "i-1", "c-1", Track("Signed Up", T0), NoCart, T0).Instance;

        var result = FlowInterpreter.Resume(welcome, waiting, NoCart, T0.AddHours(24));

        Assert.Equal<FlowEffect>([new SendMessage("email", CartEmail.Content)], result.Effects);
    }
}
