using System.Collections.Immutable;
using Rekindle.Core.Conditions;
using Rekindle.Core.Consent;
using static Rekindle.Core.Tests.Conditions.ConditionTestKit;

namespace Rekindle.Core.Tests.Conditions;

public class ConditionParserTests
{
    private static readonly ValueTest GteOne = new(ConditionOperator.GreaterOrEqual, new NumberValue(1));

    [Fact]
    public void Parse_EveryLeaf_GivesItsNode()
    {
        Condition parsed = Parse("""
            {"all":[
              {"trait":"address.city","op":"equals","value":"Berlin"},
              {"profile":"orders","op":"gte","value":3},
              {"property":"total","op":"in","value":[50, "fifty", true]},
              {"tag":"vip"},
              {"tag":"test","has":false},
              {"consent":"email","state":["subscribed","unknown"]},
              {"rfm":"segment","op":"in","value":["Champions"]},
              {"churn":"risk","op":"equals","value":"high"},
              {"clv":"predicted","op":"gte","value":500.5},
              {"not":{"event":"Order Completed","within":"30d"}},
              {"any":[{"message":{"step":"first-email"},"is":"notOpened"},
                      {"message":{"within":"P7D"},"is":"clicked"}]}
            ]}
            """);

        Condition expected = new AllCondition(
        [
            new TraitCondition("address.city", new ValueTest(ConditionOperator.EqualTo, new TextValue("Berlin"))),
            new ProfileCondition(ProfileField.Orders, new ValueTest(ConditionOperator.GreaterOrEqual, new NumberValue(3))),
            new PropertyCondition("total", new ValueTest(ConditionOperator.In,
                new ListValue([new NumberValue(50), new TextValue("fifty"), new BoolValue(true)]))),
            new TagCondition("vip"),
            new TagCondition("test", Has: false),
            new ConsentCondition("email", [ConsentState.Subscribed, ConsentState.Unknown]),
            new ScoreCondition(ScoreField.RfmSegment, new ValueTest(ConditionOperator.In, new ListValue([new TextValue("Champions")]))),
            new ScoreCondition(ScoreField.ChurnRisk, new ValueTest(ConditionOperator.EqualTo, new TextValue("high"))),
            new ScoreCondition(ScoreField.Clv, new ValueTest(ConditionOperator.GreaterOrEqual, new NumberValue(500.5m))),
            new NotCondition(new EventCondition("Order Completed", new WithinWindow(TimeSpan.FromDays(30)), EventCount.Occurred)),
            new AnyCondition(
            [
                new MessageCondition(new StepMessage("first-email"), Engagement.NotOpened),
                new MessageCondition(new RecentMessages("email", TimeSpan.FromDays(7)), Engagement.Clicked),
            ]),
        ]);
        Assert.Equal(expected, parsed);
    }

    [Fact]
    public void Parse_EventForms_GiveCountsSumsAndFilters()
    {
        Assert.Equal(
            new EventCondition("Order Completed", EventWindow.FlowStart, EventCount.NotOccurred),
            Parse("""{"event":"Order Completed","since":"flowStart","occurred":false}"""));
        Assert.Equal(
            new EventCondition("Order Completed", EventWindow.AllTime,
                new EventCount(new ValueTest(ConditionOperator.GreaterOrEqual, new NumberValue(2))),
                new PropertyCondition("total", new ValueTest(ConditionOperator.GreaterThan, new NumberValue(50)))),
            Parse("""{"event":"Order Completed","where":{"property":"total","op":"gt","value":50},"count":{"op":"gte","value":2}}"""));
        Assert.Equal(
            new EventCondition("Order Completed", new WithinWindow(TimeSpan.FromDays(90)),
                new EventSum("revenue", new ValueTest(ConditionOperator.GreaterOrEqual, new NumberValue(100)))),
            Parse("""{"event":"Order Completed","sum":"revenue","op":"gte","value":100,"within":"90d"}"""));
    }

    [Theory]
    [InlineData("eventOccurred", true)]
    [InlineData("eventNotOccurred", false)]
    public void Parse_LegacyForm_GivesTheSameNodeAsTheNewForm(string type, bool occurred)
    {
        Condition legacy = Parse($$"""{"type":"{{type}}","event":"Order Completed","since":"flowStart"}""", ConditionScope.Journey);
        Condition current = Parse($$"""{"event":"Order Completed","since":"flowStart","occurred":{{(occurred ? "true" : "false")}}}""");

        Assert.Equal(current, legacy);
        Assert.Equal(new EventCondition("Order Completed", EventWindow.FlowStart, occurred ? EventCount.Occurred : EventCount.NotOccurred), legacy);
    }

    [Fact]
    public void Parse_DateValues_ReadIsoRelativeAndDurations()
    {
        Assert.Equal(
            new TraitCondition("end", new ValueTest(ConditionOperator.Before, new RelativeTimeValue(TimeSpan.FromDays(-7)))),
            Parse("""{"trait":"end","op":"before","value":"-7d"}"""));
        Assert.Equal(
            new TraitCondition("end", new ValueTest(ConditionOperator.After, new RelativeTimeValue(TimeSpan.Zero))),
            Parse("""{"trait":"end","op":"after","value":"now"}"""));
        Assert.Equal(
            new TraitCondition("end", new ValueTest(ConditionOperator.WithinNext, new DurationValue(TimeSpan.FromDays(14)))),
            Parse("""{"trait":"end","op":"withinNext","value":"P2W"}"""));
        Assert.Equal(
            new TraitCondition("born", new ValueTest(ConditionOperator.LessThan, new DateValue(new DateTimeOffset(2000, 1, 31, 0, 0, 0, TimeSpan.Zero)))),
            Parse("""{"trait":"born","op":"lt","value":"2000-01-31"}"""));
        Assert.Equal(
            new TraitCondition("t", new ValueTest(ConditionOperator.GreaterOrEqual, new DateValue(new DateTimeOffset(2026, 1, 31, 8, 0, 0, TimeSpan.Zero)))),
            Parse("""{"trait":"t","op":"gte","value":"2026-01-31T09:00:00+01:00"}"""));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEachWithItsPath()
    {
        string[] errors = Errors("""
            {"all":[
              {"trait":"city","op":"equal","value":"Berlin"},
              {"profile":"ordres","op":"gte","value":3},
              {"profile":"orders","op":"contains","value":"3"},
              {"tag":""},
              {"consent":"fax","state":["subscribed","maybe"]},
              {"event":"Order Completed","within":"30 days","count":{"op":"gte","value":1.5},"colour":"red"},
              {"any":[]},
              {"not":{"trait":"x","op":"exists","value":1}},
              {"message":{"step":"first email"},"is":"read"},
              {"trait":"a","tag":"b"},
              {"churn":"risk","op":"in","value":["high","extreme"]},
              {"trait":"d","op":"before","value":"7d"},
              {"trait":"x..y","op":"gt","value":"soon"}
            ]}
            """);

        Assert.Equal(
        [
            "all[0].op: unknown operator 'equal'; expected one of: equals, notEquals, in, contains, startsWith, gt, gte, lt, lte, exists, notExists, before, after, withinLast, withinNext",
            "all[1].profile: unknown profile field 'ordres'; expected one of: email, phone, user_id, currency, orders, revenue, visits, page_views, products_viewed, cart_items, created_at, first_seen_at, last_seen_at, first_order_at, last_order_at, cart_updated_at",
            "all[2].op: operator 'contains' does not apply to a number field; expected one of: equals, notEquals, in, gt, gte, lt, lte, exists, notExists",
            "all[3].tag: must not be empty",
            "all[4].consent: must be one of: email, sms, push",
            "all[4].state[1]: must be one of: unknown, pending, subscribed, unsubscribed, suppressed",
            "all[5].within: must be a duration up to 10 years: short (\"30d\", \"12h\") or ISO-8601 (\"P30D\", \"P2W\")",
            "all[5].count.value: must be a whole number of at least 0",
            "all[5].colour: unknown property; expected one of: event, where, within, since, occurred, count, sum, op, value",
            "all[6].any: must be a list of 1 to 100 conditions",
            "all[7].not.value: must be left out: 'exists' takes no value",
            "all[8].message.step: must be a step id: must be 1 to 64 letters, digits, '-', '_' or '.'",
            "all[8].is: must be one of: delivered, opened, clicked, notOpened, notClicked",
            "all[9]: has both 'trait' and 'tag'; a condition has exactly one of: all, any, not, trait, profile, property, tag, consent, rfm, churn, clv, event, (legacy) type, message",
            "all[10].value[1]: must be one of: low, medium, high",
            "all[11].value: must be \"now\", a signed duration (\"-7d\": 7 days ago, \"+7d\": in 7 days) or an ISO-8601 date or date and time (\"2026-01-31\", \"2026-01-31T09:00:00+01:00\")",
            "all[12].trait: must be a name or a dotted path (\"address.city\") of at most 200 characters, without empty parts",
            "all[12].value: must be a number or an ISO-8601 date or date and time (\"2026-01-31\", \"2026-01-31T09:00:00+01:00\")",
        ], errors);
    }

    [Fact]
    public void Read_NestedInAFlowDocument_ReportsPathsFromItsRoot()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"any":[{"trait":"a","op":"gt"},{"bogus":1}]}""");
        var errors = new List<Rekindle.Core.Flows.FlowError>();

        Condition? condition = ConditionParser.Read(document.RootElement, "steps[2].condition", errors, ConditionScope.Journey);

        Assert.Null(condition);
        Assert.Equal(
        [
            "steps[2].condition.any[0].value: is required for 'gt'",
            "steps[2].condition.any[1]: must have one of the keys: all, any, not, trait, profile, property, tag, consent, rfm, churn, clv, event, (legacy) type, message",
        ], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_EventFilterScope_AllowsOnlyPropertyLeaves()
    {
        Assert.Equal(
            ["any[1].trait: a 'trait' condition is not allowed in an event filter; allowed here: all, any, not, property"],
            Errors("""{"any":[{"property":"total","op":"gt","value":5},{"trait":"x","op":"exists"}]}""", ConditionScope.EventFilter));
    }

    [Fact]
    public void Parse_SegmentScope_RefusesJourneyReferencesAndEventProperties()
    {
        Assert.Equal(
        [
            "all[0].since: \"since\": \"flowStart\" is only for conditions inside a flow, not in a segment condition",
            "all[1].message.step: the message of a step is only for conditions inside a flow, not in a segment condition",
            "all[2].property: a 'property' condition is not allowed in a segment condition; allowed here: all, any, not, trait, profile, tag, consent, rfm, churn, clv, event, message",
            "all[3].since: \"since\": \"flowStart\" is only for conditions inside a flow, not in a segment condition",
        ], Errors("""
            {"all":[{"event":"Order Completed","since":"flowStart"},
                    {"message":{"step":"s1"},"is":"opened"},
                    {"property":"total","op":"exists"},
                    {"type":"eventOccurred","event":"Order Completed","since":"flowStart"}]}
            """, ConditionScope.Segment));
    }

    [Fact]
    public void Parse_TriggerScope_AllowsWhatTheProfileAndTheEventAnswer()
    {
        Assert.Empty(Errors("""
            {"all":[{"property":"total","op":"gte","value":50},{"tag":"vip"},{"trait":"plan","op":"equals","value":"pro"},
                    {"profile":"orders","op":"gte","value":1},{"consent":"email","state":"subscribed"}]}
            """, ConditionScope.Trigger));

        // Scores and history are not loaded for a trigger: a condition on them could never be true there.
        Assert.Equal(3, Errors("""
            {"any":[{"event":"Order Completed","within":"30d"},{"rfm":"segment","op":"equals","value":"Champions"},
                    {"message":{"channel":"email","within":"30d"},"is":"opened"}]}
            """, ConditionScope.Trigger).Length);
    }

    [Fact]
    public void Parse_EventWhere_IsAnEventFilter()
    {
        Assert.Equal(
            ["where.trait: a 'trait' condition is not allowed in an event filter; allowed here: all, any, not, property"],
            Errors("""{"event":"Order Completed","where":{"trait":"vip","op":"exists"}}""", ConditionScope.Segment));
    }

    [Fact]
    public void Parse_EventMeasures_RefuseMixturesAndStrayOperators()
    {
        Assert.Equal(["count: give one of \"occurred\", \"count\" or \"sum\", not both \"occurred\" and \"count\""],
            Errors("""{"event":"E","occurred":true,"count":{"op":"gte","value":2}}"""));
        Assert.Equal(["op: belongs to \"sum\"; to compare how many events, write \"count\": {\"op\": \"gte\", \"value\": 2}"],
            Errors("""{"event":"E","op":"gte","value":2}"""));
        Assert.Equal(["since: give either \"within\" or \"since\", not both"],
            Errors("""{"event":"E","within":"7d","since":"flowStart"}"""));
        Assert.Equal(["since: must be one of: flowStart (for the last N days, use \"within\": \"30d\")"],
            Errors("""{"event":"E","since":"yesterday"}"""));
    }

    [Fact]
    public void Parse_LegacyProblems_AreReportedAsBefore()
    {
        Assert.Equal(["type: unknown condition type 'eventHappened'; expected one of: eventOccurred, eventNotOccurred"],
            Errors("""{"type":"eventHappened","event":"E","since":"flowStart"}"""));
        Assert.Equal(["since: is required"], Errors("""{"type":"eventOccurred","event":"E"}"""));
        Assert.Equal(["event: is required"], Errors("""{"type":"eventOccurred","since":"flowStart"}"""));
    }

    [Fact]
    public void Parse_UnknownKeys_ListTheAllowedOnes()
    {
        Assert.Equal(
        [
            "any[0].Op: unknown property; expected one of: trait, op, value",
            "any[1].count.limit: unknown property; expected one of: op, value",
            "any[2].message.steps: unknown property; expected one of: step, channel, within",
            "any[2].message.within: is required (or \"step\" for the message of a step of this flow)",
            "any[3].values: unknown property; expected one of: tag, has",
        ], Errors("""
            {"any":[{"trait":"x","op":"exists","Op":"gt"},
                    {"event":"E","count":{"op":"gte","value":2,"limit":3}},
                    {"message":{"steps":"s1"},"is":"opened"},
                    {"tag":"vip","values":["a"]}]}
            """));
    }

    [Fact]
    public void Parse_TooDeep_IsRefused()
    {
        string json = string.Concat(Enumerable.Repeat("{\"not\":", 14)) + "{\"tag\":\"x\"}" + new string('}', 14);

        Assert.Equal([string.Join(".", Enumerable.Repeat("not", 13)) + ": nests deeper than 12 levels"], Errors(json));
    }

    [Fact]
    public void Parse_ScoreAndProfileTypes_AreChecked()
    {
        Assert.Equal(["value: must be a number"], Errors("""{"rfm":"r","op":"gte","value":"4"}"""));
        Assert.Equal(["value: must be a string"], Errors("""{"rfm":"segment","op":"equals","value":4}"""));
        Assert.Equal(["value: must be an ISO-8601 date or date and time (\"2026-01-31\", \"2026-01-31T09:00:00+01:00\")"],
            Errors("""{"profile":"last_order_at","op":"gt","value":5}"""));
        Assert.Equal(["rfm: unknown rfm score 'score'; expected one of: segment, r, f, m"], Errors("""{"rfm":"score","op":"exists"}"""));
        Assert.Equal(["churn: unknown churn score 'p'; expected one of: risk, purchaseProbability, pAlive"], Errors("""{"churn":"p","op":"exists"}"""));
        Assert.Equal(["value: must be a list of 1 to 500 values for 'in'"], Errors("""{"trait":"x","op":"in","value":"a"}"""));
        Assert.Equal(["value: must not be empty for 'startsWith'"], Errors("""{"trait":"x","op":"startsWith","value":""}"""));
    }

    [Fact]
    public void Parse_NotAnObjectOrEmpty_IsRefused()
    {
        Assert.Equal(["all[0]: must be an object", "all[1]: is required"], Errors("""{"all":[5, null]}"""));
        Assert.Equal(["must have one of the keys: all, any, not, trait, profile, property, tag, consent, rfm, churn, clv, event, (legacy) type, message"],
            Errors("{}"));
    }

    [Fact]
    public void Parse_ConsentSingleState_IsAOneItemList()
    {
        Assert.Equal(new ConsentCondition("sms", ImmutableArray.Create(ConsentState.Unsubscribed)),
            Parse("""{"consent":"sms","state":"unsubscribed"}"""));
        Assert.Equal(new EventCount(GteOne), EventCount.Occurred);
    }
}
