using System.Text.Json;
using Rekindle.Core.Consent;

namespace Rekindle.Core.Tests.Consent;

public sealed class ConsentTraitsTests
{
    [Theory]
    [InlineData("true", ConsentState.Subscribed)]
    [InlineData("false", ConsentState.Unsubscribed)]
    [InlineData("\"true\"", ConsentState.Subscribed)]
    [InlineData("\"Yes\"", ConsentState.Subscribed)]
    [InlineData("\" SUBSCRIBED \"", ConsentState.Subscribed)]
    [InlineData("\"granted\"", ConsentState.Subscribed)]
    [InlineData("\"opted_in\"", ConsentState.Subscribed)]
    [InlineData("\"FALSE\"", ConsentState.Unsubscribed)]
    [InlineData("\"no\"", ConsentState.Unsubscribed)]
    [InlineData("\"Unsubscribed\"", ConsentState.Unsubscribed)]
    [InlineData("\"denied\"", ConsentState.Unsubscribed)]
    [InlineData("\"\\topted_out\\n\"", ConsentState.Unsubscribed)]
    public void Map_AcceptedValue_GivesState(string json, ConsentState expected) =>
        Assert.Equal(expected, ConsentTraits.Map(JsonDocument.Parse(json).RootElement));

    [Theory]
    [InlineData("\"maybe\"")]
    [InlineData("\"\"")]
    [InlineData("\"opted-in\"")]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("{}")]
    [InlineData("[true]")]
    public void Map_OtherValue_GivesNull(string json) =>
        Assert.Null(ConsentTraits.Map(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void Read_BothSpellingsOfEveryChannel_NullsLeftOut()
    {
        using var traits = JsonDocument.Parse("""{"email_consent":"yes","emailConsent":"maybe","smsConsent":false,"push_consent":null,"email":"a@b.c"}""");

        var found = ConsentTraits.Read(traits.RootElement).Select(t => (t.Channel, t.Trait, t.State)).ToList();

        Assert.Equal(
            [("email", "email_consent", (ConsentState?)ConsentState.Subscribed), ("email", "emailConsent", null), ("sms", "smsConsent", ConsentState.Unsubscribed)],
            found);
    }

    [Fact]
    public void Problem_UnmappableValue_NamesTheValueAndWhatIsAccepted()
    {
        using var traits = JsonDocument.Parse("""{"email_consent":"maybe"}""");

        var problem = ConsentTraits.Problem(Assert.Single(ConsentTraits.Read(traits.RootElement)));

        Assert.Equal(
            "is not a consent value: \"maybe\"; expected true or false, or one of the strings \"true\", \"yes\", \"subscribed\", \"granted\", " +
            "\"opted_in\" (subscribed) or \"false\", \"no\", \"unsubscribed\", \"denied\", \"opted_out\" (unsubscribed), in any letter case",
            problem);
    }
}
