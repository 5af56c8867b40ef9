using Rekindle.Core.Consent;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.Triggers;
using static Rekindle.Core.Tests.Flows.Triggers.TriggerTestProfiles;

namespace Rekindle.Core.Tests.Flows.Triggers;

public class ChangeTriggerTests
{
    private static readonly DateTimeOffset T = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("silver", "gold", true)]
    [InlineData("bronze", "gold", false)]
    [InlineData("silver", "silver", false)]
    [InlineData(null, "gold", false)]
    public void OnEvent_TraitChangedFromTo_FiresOnlyForThatChange(string? from, string to, bool fires)
    {
        var trigger = new TraitChangedTrigger("tier", ["silver"], ["gold", "platinum"]);
        var before = from is null ? WithTraits(new { }) : WithTraits(new { tier = from });

        Assert.Equal(fires, trigger.OnEvent(Identify(T), before, WithTraits(new { tier = to })) is not null);
    }

    [Fact]
    public void OnEvent_TraitChangedAnyValue_StartsWithFromAndTo()
    {
        var trigger = new TraitChangedTrigger("tier");

        var start = trigger.OnEvent(Identify(T, "m-9"), WithTraits(new { }), WithTraits(new { tier = 3 }))!;

        Assert.Equal(("m-9/trait/tier", TriggerEvents.TraitChanged, T), (start.MessageId, start.Event, start.Timestamp));
        Assert.Equal("""{"trait":"tier","from":null,"to":3}""", start.Properties);
        Assert.Null(trigger.OnEvent(Identify(T), WithTraits(new { tier = 3 }), WithTraits(new { tier = 3 })));
    }

    [Fact]
    public void OnEvent_ConsentChangedToSubscribed_FiresOnceForTheChange()
    {
        var trigger = new ConsentChangedTrigger("email", To: [ConsentState.Subscribed]);
        var unknown = WithTraits(new { });
        var subscribed = Consent(unknown, "email", ConsentState.Subscribed);

        var start = trigger.OnEvent(Identify(T, "m-2"), unknown, subscribed)!;

        Assert.Equal("""{"channel":"email","from":"unknown","to":"subscribed"}""", start.Properties);
        Assert.Null(trigger.OnEvent(Identify(T), subscribed, subscribed));
        Assert.Null(trigger.OnEvent(Identify(T), subscribed, Consent(unknown, "email", ConsentState.Unsubscribed)));
        Assert.Null(trigger.OnEvent(Identify(T), unknown, Consent(unknown, "sms", ConsentState.Subscribed)));
    }

    [Fact]
    public void OnEvent_EventTrigger_StillMatchesNamesAndWhere()
    {
        var trigger = new EventTrigger(["RFM Segment Changed"], [new PropertyFilter("to", ["At Risk"])]);
        var e = FlowSamples.Track("RFM Segment Changed", T) with { Properties = """{"to":"At Risk"}""" };

        Assert.Same(e, trigger.OnEvent(e, FlowSamples.Profile(), FlowSamples.Profile()));
        Assert.Null(trigger.OnEvent(e with { Properties = """{"to":"Champions"}""" }, FlowSamples.Profile(), FlowSamples.Profile()));
    }

    private static ContactProfile Consent(ContactProfile profile, string channel, ConsentState state) =>
        profile with { Consent = profile.Consent.SetItem(channel, new ChannelConsent(state, T, ConsentSource.Trait(channel + "_consent"))) };
}
