using System.Collections.Immutable;
using Rekindle.Core.Conditions;
using Rekindle.Core.Contacts;
using static Rekindle.Core.Tests.Conditions.ConditionTestKit;

namespace Rekindle.Core.Tests.Conditions;

public class EventConditionTests
{
    private const string Order = "Order Completed";

    private static readonly JourneyInfo Journey = new("abandoned-cart", "i-1", Now.AddHours(-24));

    private static ContactHistory History(params HistoryEvent[] events) => new([.. events], []);

    private static ContactProfile LastAt(string name, DateTimeOffset at) => Profile() with
    {
        LastEventAt = ImmutableSortedDictionary.Create<string, DateTimeOffset>(StringComparer.Ordinal).Add(name, at),
    };

    [Theory]
    [InlineData(-30 * 24 * 3600, true)] // exactly now − 30 days: the window includes its start
    [InlineData((-30 * 24 * 3600) - 1, false)]
    [InlineData(-60, true)]
    public void Within_IncludesItsStart(int secondsAgo, bool expected)
    {
        DateTimeOffset at = Now.AddSeconds(secondsAgo);

        // Answered from the profile's last occurrence…
        Assert.Equal(expected, Eval("""{"event":"Order Completed","within":"30d"}""", LastAt(Order, at)));

        // …and from history when a count needs it: the same boundary.
        Assert.Equal(expected, Eval("""{"event":"Order Completed","within":"30d","count":{"op":"gte","value":1},"where":{"property":"x","op":"notExists"}}""",
            Profile(), history: History(Event(Order, at))));
        Assert.Equal(expected, Eval("""{"event":"Order Completed","within":"30d","count":{"op":"equals","value":1}}""",
            Profile(), history: History(Event(Order, at))));
    }

    [Theory]
    [InlineData(0, true)] // at the flow's start counts as since: an order stamped with the cart event stops the reminder
    [InlineData(-1, false)]
    [InlineData(3600, true)]
    public void SinceFlowStart_IncludesTheStart(int secondsFromStart, bool expectedOccurred)
    {
        ContactProfile profile = LastAt(Order, Journey.StartedAt.AddSeconds(secondsFromStart));

        Assert.Equal(expectedOccurred, Eval("""{"event":"Order Completed","since":"flowStart"}""", profile, journey: Journey));
        Assert.Equal(!expectedOccurred, Eval("""{"event":"Order Completed","since":"flowStart","occurred":false}""", profile, journey: Journey));
    }

    [Fact]
    public void SinceFlowStart_WithoutAJourney_IsFalseBothWays()
    {
        ContactProfile profile = LastAt(Order, Now);

        Assert.False(Eval("""{"event":"Order Completed","since":"flowStart"}""", profile));
        Assert.False(Eval("""{"event":"Order Completed","since":"flowStart","occurred":false}""", profile));
    }

    [Fact]
    public void Occurrence_IsAnsweredFromTheProfileEvenWhenHistoryIsGiven()
    {
        // History loaded for another leaf does not hold this event: the profile's last occurrence still answers.
        ContactProfile profile = LastAt(Order, Now.AddDays(-2));
        var otherHistory = History(Event("Page Viewed", Now.AddDays(-1)));

        Assert.True(Eval("""{"event":"Order Completed","within":"7d"}""", profile, history: otherHistory));
        Assert.False(Eval("""{"event":"Order Completed","within":"7d","occurred":false}""", profile, history: otherHistory));
        Assert.True(Eval("""{"event":"Order Completed"}""", profile, history: otherHistory));
        Assert.True(Eval("""{"event":"Never","occurred":false}""", profile, history: otherHistory));
    }

    [Fact]
    public void Count_ComparesTheNumberOfMatchingEventsInTheWindow()
    {
        var history = History(
            Event(Order, Now.AddDays(-5), """{"total":80}"""),
            Event(Order, Now.AddDays(-20), """{"total":"45.50"}"""),
            Event(Order, Now.AddDays(-40), """{"total":120}"""),
            Event("Order Refunded", Now.AddDays(-3), """{"total":80}"""));

        Assert.True(Eval("""{"event":"Order Completed","within":"30d","count":{"op":"equals","value":2}}""", Profile(), history: history));
        Assert.True(Eval("""{"event":"Order Completed","count":{"op":"equals","value":3}}""", Profile(), history: history));
        Assert.True(Eval("""{"event":"Order Completed","count":{"op":"lt","value":4}}""", Profile(), history: history));
        Assert.True(Eval("""{"event":"Order Completed","where":{"property":"total","op":"gte","value":50},"count":{"op":"equals","value":2}}""",
            Profile(), history: history));
        Assert.True(Eval("""{"event":"Order Completed","within":"30d","where":{"property":"total","op":"gt","value":100},"occurred":false}""",
            Profile(), history: history));
        Assert.False(Eval("""{"event":"Order Completed","within":"30d","where":{"property":"total","op":"lt","value":50}, "occurred":false}""",
            Profile(), history: history));
    }

    [Fact]
    public void Sum_AddsDecimalRevenueExactly()
    {
        var history = History(
            Event(Order, Now.AddDays(-1), """{"revenue":0.1}"""),
            Event(Order, Now.AddDays(-2), """{"revenue":"0.2"}"""),
            Event(Order, Now.AddDays(-3), """{"revenue":99.70}"""),
            Event(Order, Now.AddDays(-4), """{"revenue":"n/a"}"""),
            Event(Order, Now.AddDays(-5), """{"other":1}"""),
            Event(Order, Now.AddDays(-100), """{"revenue":1000}"""));

        Assert.True(Eval("""{"event":"Order Completed","sum":"revenue","op":"equals","value":100,"within":"90d"}""", Profile(), history: history));
        Assert.True(Eval("""{"event":"Order Completed","sum":"revenue","op":"gte","value":100,"within":"90d"}""", Profile(), history: history));
        Assert.False(Eval("""{"event":"Order Completed","sum":"revenue","op":"gt","value":100,"within":"90d"}""", Profile(), history: history));
        Assert.True(Eval("""{"event":"Order Completed","sum":"revenue","op":"equals","value":1100}""", Profile(), history: history));
        Assert.True(Eval("""{"event":"Nothing","sum":"revenue","op":"equals","value":0}""", Profile(), history: history));
    }

    [Fact]
    public void CountAndSum_WithoutHistory_AreFalse()
    {
        Assert.False(Eval("""{"event":"Order Completed","count":{"op":"lt","value":2}}""", Profile()));
        Assert.True(Eval("""{"event":"Order Completed","count":{"op":"equals","value":0}}""", Profile())); // "not occurred": the profile answers
        Assert.False(Eval("""{"event":"Order Completed","sum":"revenue","op":"lt","value":1}""", Profile()));
    }
}
