using FsCheck;
using FsCheck.Fluent;
using Rekindle.Core.Conditions;

namespace Rekindle.Core.Tests.Conditions;

public class ConditionRoundTripTests
{
    [Fact]
    public void ParseOfSerialize_GivesTheSameCondition_OverGeneratedTrees()
    {
        Property property = Prop.ForAll(ConditionGenerators.Conditions, condition =>
        {
            string json = ConditionSerializer.ToJson(condition);
            ConditionParseResult parsed = ConditionParser.Parse(json, ConditionScope.JourneyEvent);
            return (parsed.Errors.Count == 0 && condition.Equals(parsed.Condition))
                .Label($"{json} -> {string.Join("; ", parsed.Errors)}");
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void Serialize_LegacyForm_WritesTheCurrentForm()
    {
        Condition legacy = ConditionTestKit.Parse("""{"type":"eventNotOccurred","event":"Order Completed","since":"flowStart"}""");

        Assert.Equal("""{"event":"Order Completed","since":"flowStart","occurred":false}""", ConditionSerializer.ToJson(legacy));
    }

    [Fact]
    public void Serialize_EachForm_WritesItsShortestJson()
    {
        string[] forms =
        [
            """{"all":[{"trait":"address.city","op":"equals","value":"Berlin"},{"tag":"vip","has":false}]}""",
            """{"any":[{"not":{"consent":"email","state":["subscribed","unknown"]}},{"consent":"sms","state":"pending"}]}""",
            """{"trait":"end","op":"before","value":"-7d"}""",
            """{"trait":"end","op":"after","value":"now"}""",
            """{"trait":"born","op":"lt","value":"2000-01-31"}""",
            """{"trait":"t","op":"gte","value":"2026-01-31T09:00:00.0000000+01:00"}""",
            """{"profile":"last_order_at","op":"withinLast","value":"90d"}""",
            """{"rfm":"r","op":"in","value":[4,5]}""",
            """{"churn":"risk","op":"equals","value":"high"}""",
            """{"clv":"expectedOrderValue","op":"exists"}""",
            """{"event":"Order Completed","within":"30d"}""",
            """{"event":"Order Completed","where":{"property":"total","op":"gte","value":49.90},"count":{"op":"gte","value":2}}""",
            """{"event":"Order Completed","within":"90d","sum":"revenue","op":"gte","value":100}""",
            """{"message":{"step":"first-email"},"is":"notOpened"}""",
            """{"message":{"channel":"email","within":"7d"},"is":"clicked"}""",
        ];

        Assert.Equal(forms, forms.Select(f => ConditionSerializer.ToJson(ConditionTestKit.Parse(f))));
    }
}
