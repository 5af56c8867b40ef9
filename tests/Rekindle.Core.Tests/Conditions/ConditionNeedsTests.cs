using Rekindle.Core.Conditions;
using Rekindle.Core.Tracking;
using static Rekindle.Core.Tests.Conditions.ConditionTestKit;

namespace Rekindle.Core.Tests.Conditions;

public class ConditionNeedsTests
{
    [Fact]
    public void Of_ProfileOnlyCondition_NeedsNothingMore()
    {
        ConditionNeeds needs = ConditionNeeds.Of(Parse("""
            {"all":[{"trait":"city","op":"equals","value":"Berlin"},{"tag":"vip"},{"consent":"email","state":"subscribed"},
                    {"profile":"orders","op":"gte","value":1},{"event":"Order Completed","within":"30d","occurred":false}]}
            """));

        Assert.Equal(
            new ConditionNeeds([], null, SinceFlowStart: false, AllTime: false, Messages: false, [], Scores: false, Journey: false, EventProperties: false),
            needs);
        Assert.False(needs.NeedsHistory);
    }

    [Fact]
    public void Of_LegacyCondition_NeedsTheJourneyButNoHistory()
    {
        ConditionNeeds needs = ConditionNeeds.Of(Parse("""{"type":"eventNotOccurred","event":"Order Completed","since":"flowStart"}"""));

        Assert.Equal(
            new ConditionNeeds([], null, SinceFlowStart: false, AllTime: false, Messages: false, [], Scores: false, Journey: true, EventProperties: false),
            needs);
    }

    [Fact]
    public void Of_CountsSumsAndEngagement_NeedTheirEventsBackToTheLongestWindow()
    {
        ConditionNeeds needs = ConditionNeeds.Of(Parse("""
            {"any":[{"event":"Order Completed","sum":"revenue","op":"gte","value":100,"within":"90d"},
                    {"event":"Page Viewed","within":"30d","count":{"op":"gte","value":3},"where":{"property":"path","op":"startsWith","value":"/sale"}},
                    {"message":{"channel":"email","within":"120d"},"is":"notOpened"},
                    {"message":{"step":"first-email"},"is":"opened"},
                    {"churn":"risk","op":"equals","value":"high"},
                    {"property":"total","op":"gt","value":5}]}
            """));

        Assert.Equal(
            new ConditionNeeds(
                [EmailEvents.LinkClicked, EmailEvents.Opened, "Order Completed", "Page Viewed"], TimeSpan.FromDays(120), SinceFlowStart: true,
                AllTime: false, Messages: true, ["first-email"], Scores: true, Journey: true, EventProperties: true),
            needs);
        Assert.True(needs.NeedsHistory);
        DateTimeOffset started = Now.AddDays(-200);
        Assert.Equal(started, needs.HistoryFrom(Now, started));
        Assert.Equal(Now.AddDays(-120), needs.HistoryFrom(Now, Now.AddDays(-1)));
        Assert.Null(needs.HistoryFrom(Now, null));
    }

    [Fact]
    public void Of_EventWithoutWindow_NeedsAllHistory_AndWherePropertiesAreNotTheMatchedEvents()
    {
        ConditionNeeds needs = ConditionNeeds.Of(Parse("""
            {"event":"Order Completed","count":{"op":"gte","value":2},"where":{"property":"total","op":"gt","value":50}}
            """));

        Assert.True(needs.AllTime);
        Assert.False(needs.EventProperties);
        Assert.Equal(["Order Completed"], needs.Events);
        Assert.Null(needs.HistoryFrom(Now, null));
    }
}
