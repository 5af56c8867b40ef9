using Rekindle.Core.Consent;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.Triggers;

namespace Rekindle.Core.Tests.Flows.Triggers;

/// <summary>Each trigger kind and re-entry policy: parsed from JSON, written back identically, refused with paths.</summary>
public class TriggerJsonTests
{
    public static TheoryData<string, string, FlowTrigger, FlowReentry> Documents => new()
    {
        {
            """{"events":["RFM Segment Changed"],"where":{"to":["At Risk"]}}""", "\"whileNotActive\"",
            new EventTrigger(["RFM Segment Changed"], [new PropertyFilter("to", ["At Risk"])]), ReentryPolicy.WhileNotActive
        },
        {
            """{"type":"inactivity","events":["Page Viewed","Order Completed"],"for":"90d"}""", "\"once\"",
            new InactivityTrigger(["Page Viewed", "Order Completed"], TimeSpan.FromDays(90)), ReentryPolicy.Once
        },
        {
            """{"type":"dateTrait","trait":"birthday","offsetDays":-3,"at":"09:30","repeat":"yearly"}""", "\"always\"",
            new DateTraitTrigger("birthday", -3, new TimeOnly(9, 30), Yearly: true), ReentryPolicy.Always
        },
        {
            """{"type":"dateTrait","trait":"subscription_ends","at":"08:00","repeat":"once"}""", """{"oncePer":"30d"}""",
            new DateTraitTrigger("subscription_ends", 0, new TimeOnly(8, 0), Yearly: false), FlowReentry.OncePer(TimeSpan.FromDays(30))
        },
        {
            """{"type":"traitChanged","trait":"loyalty_tier","from":["silver"],"to":["gold","platinum"]}""", "\"whileNotActive\"",
            new TraitChangedTrigger("loyalty_tier", ["silver"], ["gold", "platinum"]), ReentryPolicy.WhileNotActive
        },
        {
            """{"type":"consentChanged","channel":"email","to":["subscribed"]}""", "\"whileNotActive\"",
            new ConsentChangedTrigger("email", To: [ConsentState.Subscribed]), ReentryPolicy.WhileNotActive
        },
        {
            """{"events":["Order Completed"]}""", """{"perKey":"order_id"}""",
            new EventTrigger(["Order Completed"]), FlowReentry.PerKey("order_id")
        },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Parse_EachKind_GivesItsTriggerAndReentry_AndWritesBackTheSame(string trigger, string reentry, FlowTrigger expected, FlowReentry expectedReentry)
    {
        FlowParseResult result = FlowParser.Parse(Document(trigger, reentry));

        Assert.Empty(result.Errors);
        Assert.Equal((expected, expectedReentry), (result.Flow!.Trigger, result.Flow.Reentry));
        FlowParseResult again = FlowParser.Parse(FlowSerializer.ToJson(result.Flow));
        Assert.Equal(result.Flow, again.Flow);
    }

    [Fact]
    public void ToJson_EventTrigger_WritesNoType_AsBefore()
    {
        string json = FlowSerializer.ToJson(FlowSamples.AbandonedCart);

        Assert.Contains("\"trigger\": {\n    \"events\": [", json.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\"type\": \"event\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_DateTraitDefaults_WritesAtAndRepeat()
    {
        FlowParseResult result = FlowParser.Parse(Document("""{"type":"dateTrait","trait":"birthday"}"""));

        Assert.Equal(new DateTraitTrigger("birthday", 0, new TimeOnly(9, 0), Yearly: false), result.Flow!.Trigger);
        Assert.Contains("\"at\": \"09:00\",\n    \"repeat\": \"once\"", FlowSerializer.ToJson(result.Flow).Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string[]> Invalid => new()
    {
        { """{"type":"birthday"}""", "\"once\"", ["trigger.type: must be one of: event, inactivity, dateTrait, traitChanged, consentChanged"] },
        { """{"type":"inactivity","events":[],"for":"20m"}""", "\"once\"", ["trigger.events: must contain at least one event", "trigger.for: must be a duration from 1h to 3 years, such as \"90d\" or \"P12W\""] },
        { """{"type":"inactivity","events":["Order Completed"]}""", "\"once\"", ["trigger.for: is required"] },
        { """{"type":"dateTrait","trait":"","offsetDays":400,"at":"9am","repeat":"monthly","where":{}}""", "\"once\"",
            ["trigger.trait: must not be empty", "trigger.offsetDays: must be a whole number of days from -365 (before the date) to 365 (after)",
             "trigger.at: must be a time of day \"HH:mm\" (24-hour), such as \"09:00\"", "trigger.repeat: must be one of: yearly, once", "trigger.where: unknown property"] },
        { """{"type":"traitChanged","trait":"tier","to":[{}]}""", "\"once\"", ["trigger.to: must be a value (string, number or boolean) or a non-empty list of them"] },
        { """{"type":"consentChanged","channel":"fax","to":"maybe"}""", "\"once\"",
            ["trigger.channel: must be one of: email, sms, push", "trigger.to: must be one of: unknown, pending, subscribed, unsubscribed, suppressed"] },
        { """{"type":"traitChanged","trait":"tier"}""", """{"perKey":"order_id"}""", ["reentry.perKey: needs an event trigger: the key is a property of the trigger event"] },
        { """{"events":["A"]}""", """{"oncePer":"soon"}""", ["reentry.oncePer: must be a duration from 1m to 3 years, such as \"30d\""] },
        { """{"events":["A"]}""", """{"oncePer":"1d","perKey":"x"}""",
            ["""reentry: must be one of: whileNotActive, once, always, {"oncePer": "<duration>"}, {"perKey": "<property>"}"""] },
        { """{"events":["A"]}""", """{"perKey":"x","extra":1}""", ["reentry.extra: unknown property"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_InvalidTrigger_ReportsEachProblemWithItsPath(string trigger, string reentry, string[] expected)
    {
        FlowParseResult result = FlowParser.Parse(Document(trigger, reentry));

        Assert.Null(result.Flow);
        Assert.Equal(expected, result.Errors.Select(e => e.ToString()));
    }

    private static string Document(string trigger, string reentry = "\"whileNotActive\"") =>
        $$"""{"id":"f","name":"F","trigger":{{trigger}},"reentry":{{reentry}},"steps":[{"id":"x","type":"exit"}]}""";
}
