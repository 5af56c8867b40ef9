using System.Collections.Immutable;
using Rekindle.Core.Conditions;
using Rekindle.Core.Consent;
using Rekindle.Core.Contacts;
using static Rekindle.Core.Tests.Conditions.ConditionTestKit;

namespace Rekindle.Core.Tests.Conditions;

/// <summary>The contact leaves other than traits: tags, consent, profile fields, scores, event properties, and/or/not.</summary>
public class ConditionLeafTests
{
    private static readonly ContactProfile Vip = Profile() with { Tags = ImmutableSortedSet.Create(StringComparer.Ordinal, "vip") };

    [Theory]
    [InlineData("""{"tag":"vip"}""", true)]
    [InlineData("""{"tag":"VIP"}""", false)]
    [InlineData("""{"tag":"vip","has":false}""", false)]
    [InlineData("""{"tag":"gold","has":false}""", true)]
    public void Tag_AsksTheProfilesTags(string json, bool expected) => Assert.Equal(expected, Eval(json, Vip));

    [Theory]
    [InlineData("""{"consent":"email","state":"subscribed"}""", true)]
    [InlineData("""{"consent":"email","state":["unsubscribed","suppressed"]}""", false)]
    [InlineData("""{"consent":"sms","state":"unknown"}""", true)] // nothing recorded is unknown
    [InlineData("""{"consent":"sms","state":"subscribed"}""", false)]
    public void Consent_ComparesTheChannelsState(string json, bool expected)
    {
        var consent = new ChannelConsent(ConsentState.Subscribed, Now.AddDays(-1), ConsentSource.Trait("email_consent"));
        ContactProfile profile = Profile() with
        {
            Consent = ImmutableSortedDictionary.Create<string, ChannelConsent>(StringComparer.Ordinal).Add("email", consent),
        };

        Assert.Equal(expected, Eval(json, profile));
    }

    [Theory]
    [InlineData("""{"profile":"orders","op":"gte","value":3}""", true)]
    [InlineData("""{"profile":"revenue","op":"gt","value":249.99}""", true)]
    [InlineData("""{"profile":"revenue","op":"gt","value":250}""", false)]
    [InlineData("""{"profile":"email","op":"contains","value":"@example.com"}""", true)]
    [InlineData("""{"profile":"phone","op":"exists"}""", false)]
    [InlineData("""{"profile":"last_order_at","op":"before","value":"-90d"}""", true)]
    [InlineData("""{"profile":"last_order_at","op":"withinLast","value":"90d"}""", false)]
    [InlineData("""{"profile":"first_order_at","op":"exists"}""", false)]
    [InlineData("""{"profile":"created_at","op":"withinLast","value":"100d"}""", true)]
    [InlineData("""{"profile":"cart_items","op":"equals","value":3}""", true)]
    [InlineData("""{"profile":"visits","op":"equals","value":0}""", true)]
    public void Profile_ComparesBuiltInFields(string json, bool expected)
    {
        ContactProfile profile = Profile() with
        {
            Email = "ann@example.com",
            Orders = 3,
            Revenue = 250.00m,
            LastOrderAt = Now.AddDays(-91),
            Cart = [new CartItem("p1", null, "Mug", 9.5m, 2, null, null, null), new CartItem("p2", null, "Tea", 4m, 1, null, null, null)],
        };

        Assert.Equal(expected, Eval(json, profile));
    }

    [Theory]
    [InlineData("""{"rfm":"segment","op":"in","value":["Champions","Loyal"]}""", true)]
    [InlineData("""{"rfm":"r","op":"gte","value":4}""", true)]
    [InlineData("""{"rfm":"m","op":"lt","value":3}""", true)]
    [InlineData("""{"churn":"risk","op":"equals","value":"high"}""", true)]
    [InlineData("""{"churn":"purchaseProbability","op":"lt","value":0.2}""", true)]
    [InlineData("""{"churn":"pAlive","op":"gte","value":0.35}""", true)]
    [InlineData("""{"churn":"pAlive","op":"gt","value":0.35}""", false)]
    [InlineData("""{"clv":"predicted","op":"gte","value":512.25}""", true)]
    [InlineData("""{"clv":"expectedOrderValue","op":"exists"}""", false)]
    [InlineData("""{"clv":"expectedOrderValue","op":"notExists"}""", true)]
    public void Scores_CompareTheContactsScores(string json, bool expected)
    {
        var scores = new ContactScores(RfmSegment: "Champions", R: 5, F: 4, M: 2, ChurnRisk: "high", PurchaseProbability: 0.15,
            PAlive: 0.35, Clv: 512.25);

        Assert.Equal(expected, Eval(json, Profile(), scores));
    }

    [Theory]
    [InlineData("""{"churn":"risk","op":"equals","value":"high"}""")]
    [InlineData("""{"churn":"risk","op":"notEquals","value":"low"}""")]
    [InlineData("""{"rfm":"r","op":"lte","value":5}""")]
    [InlineData("""{"clv":"predicted","op":"gte","value":0}""")]
    public void Scores_AContactWithoutScores_MatchesNothing(string json)
    {
        Assert.False(Eval(json, Profile(), scores: null));
        Assert.False(Eval(json, Profile(), scores: new ContactScores()));
    }

    [Fact]
    public void Scores_NotANumber_CountsAsMissing() =>
        Assert.False(Eval("""{"churn":"pAlive","op":"lt","value":1}""", Profile(), new ContactScores(PAlive: double.NaN)));

    [Theory]
    [InlineData("""{"property":"total","op":"gte","value":50}""", true)]
    [InlineData("""{"property":"total","op":"gt","value":50}""", false)]
    [InlineData("""{"property":"products.0.category","op":"equals","value":"tea"}""", true)]
    [InlineData("""{"property":"coupon","op":"notExists"}""", true)]
    public void Property_ReadsTheEventBeingMatched(string json, bool expected) =>
        Assert.Equal(expected, Eval(json, Profile(), properties: """{"total":"50.00","products":[{"category":"tea"}]}"""));

    [Fact]
    public void Property_WithoutAnEvent_IsFalseEvenForNotExists()
    {
        Assert.False(Eval("""{"property":"coupon","op":"notExists"}""", Profile()));
        Assert.False(Eval("""{"property":"total","op":"gt","value":0}""", Profile(), properties: "not json"));
    }

    [Theory]
    [InlineData("""{"all":[{"tag":"vip"},{"trait":"city","op":"equals","value":"Berlin"}]}""", true)]
    [InlineData("""{"all":[{"tag":"vip"},{"trait":"city","op":"equals","value":"Paris"}]}""", false)]
    [InlineData("""{"any":[{"tag":"gold"},{"trait":"city","op":"equals","value":"Paris"}]}""", false)]
    [InlineData("""{"any":[{"tag":"gold"},{"tag":"vip"}]}""", true)]
    [InlineData("""{"not":{"tag":"vip"}}""", false)]
    [InlineData("""{"not":{"trait":"missing","op":"equals","value":1}}""", true)]
    public void Booleans_CombineLeaves(string json, bool expected) =>
        Assert.Equal(expected, Eval(json, Vip with { Traits = Profile("""{"city":"Berlin"}""").Traits }));
}
