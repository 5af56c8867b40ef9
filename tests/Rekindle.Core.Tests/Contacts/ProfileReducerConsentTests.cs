using Rekindle.Core.Contacts;
using static Rekindle.Core.Tests.Contacts.Msg;

namespace Rekindle.Core.Tests.Contacts;

public sealed class ProfileReducerConsentTests
{
    [Fact]
    public void Apply_IdentifyConsentTraits_SetsStatusPerChannelWithTimestamp()
    {
        var at = T0.AddMinutes(5);
        var profile = Run(Identify("""{"email_consent":true,"sms_consent":"Denied","pushConsent":"GRANTED"}""", at));

        Assert.Equal(new ChannelConsent(ConsentStatus.Granted, at), profile.Consent[ConsentChannels.Email]);
        Assert.Equal(new ChannelConsent(ConsentStatus.Denied, at), profile.Consent[ConsentChannels.Sms]);
        Assert.Equal(new ChannelConsent(ConsentStatus.Granted, at), profile.Consent[ConsentChannels.Push]);
    }

    [Fact]
    public void Apply_LaterConsent_ReplacesEarlier()
    {
        var profile = Run(
            Identify("""{"email_consent":"granted"}""", T0),
            Identify("""{"email_consent":false}""", T0.AddDays(1)));

        Assert.Equal(new ChannelConsent(ConsentStatus.Denied, T0.AddDays(1)), profile.Consent["email"]);
    }

    [Fact]
    public void Apply_OlderConsentArrivingLate_IsIgnored()
    {
        var profile = Run(
            Identify("""{"email_consent":false}""", T0.AddDays(1)),
            Identify("""{"email_consent":true}""", T0));

        Assert.Equal(new ChannelConsent(ConsentStatus.Denied, T0.AddDays(1)), profile.Consent["email"]);
    }

    [Fact]
    public void Apply_UnrecognisedConsentValue_IsIgnored()
    {
        var profile = Run(Identify("""{"email_consent":"maybe","sms_consent":1,"push_consent":null}"""));

        Assert.Empty(profile.Consent);
    }

    [Fact]
    public void Apply_ConsentInContextTraitsOrSegmentConsentObject_IsIgnored()
    {
        const string context = """
            {"traits":{"email_consent":true},
             "consent":{"categoryPreferences":{"email":true,"Advertising":true}}}
            """;
        var profile = Run(
            Identify("""{"email_consent":false}""", T0),
            Track("Clicked", at: T0.AddDays(1), context: context),
            Identify("{}", T0.AddDays(1), context: context));

        Assert.Equal(new ChannelConsent(ConsentStatus.Denied, T0), profile.Consent["email"]);
        Assert.Single(profile.Consent);
    }
}
