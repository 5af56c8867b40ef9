using Rekindle.Core.Consent;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using static Rekindle.Core.Tests.Contacts.Msg;

namespace Rekindle.Core.Tests.Contacts;

/// <summary>Consent traits through the profile reducer: mapping, precedence by event time, and the audit rows.</summary>
public sealed class ProfileReducerConsentTests
{
    [Fact]
    public void Apply_IdentifyConsentTraits_SetsStatePerChannelWithTimeSourceAndMessage()
    {
        var at = T0.AddMinutes(5);
        var identify = Identify("""{"email_consent":true,"sms_consent":" Opted_Out ","pushConsent":"YES"}""", at);
        var changes = new List<ConsentChange>();

        var profile = ProfileReducer.Apply(Profile(), identify, changes);

        Assert.Equal(new ChannelConsent(ConsentState.Subscribed, at, ConsentSource.Trait("email_consent"), identify.MessageId),
            profile.Consent[ConsentChannels.Email]);
        Assert.Equal(new ChannelConsent(ConsentState.Unsubscribed, at, ConsentSource.Trait("sms_consent"), identify.MessageId),
            profile.Consent[ConsentChannels.Sms]);
        Assert.Equal(new ChannelConsent(ConsentState.Subscribed, at, ConsentSource.Trait("pushConsent"), identify.MessageId),
            profile.Consent[ConsentChannels.Push]);
        Assert.Equal(
            [
                new ConsentChange("email", at, ConsentSource.Trait("email_consent"), identify.MessageId, ConsentState.Unknown, ConsentState.Subscribed, ConsentOutcome.Applied),
                new ConsentChange("sms", at, ConsentSource.Trait("sms_consent"), identify.MessageId, ConsentState.Unknown, ConsentState.Unsubscribed, ConsentOutcome.Applied),
                new ConsentChange("push", at, ConsentSource.Trait("pushConsent"), identify.MessageId, ConsentState.Unknown, ConsentState.Subscribed, ConsentOutcome.Applied),
            ],
            changes);
    }

    [Fact]
    public void Apply_UnsubscribedString_Unsubscribes()
    {
        // The defect of issue 7: "unsubscribed" was not understood, so the email went out.
        var profile = Run(Identify("""{"email_consent":"unsubscribed"}"""));

        Assert.Equal(ConsentState.Unsubscribed, profile.Consent["email"].State);
    }

    [Fact]
    public void Apply_LaterUnsubscribe_ReplacesSubscribed()
    {
        var profile = Run(
            Identify("""{"email_consent":"granted"}""", T0),
            Identify("""{"email_consent":false}""", T0.AddDays(1)));

        Assert.Equal((ConsentState.Unsubscribed, T0.AddDays(1)), (profile.Consent["email"].State, profile.Consent["email"].UpdatedAt));
    }

    [Fact]
    public void Apply_LaterSubscribeTrait_UndoesUnsubscribe()
    {
        var (profile, changes) = RunLogged(
            Identify("""{"email_consent":"no"}""", T0),
            Identify("""{"emailConsent":"subscribed"}""", T0.AddDays(1)));

        Assert.Equal(ConsentState.Subscribed, profile.Consent["email"].State);
        Assert.Equal([ConsentOutcome.Applied, ConsentOutcome.Applied], changes.Select(c => c.Outcome));
    }

    [Fact]
    public void Apply_OlderChangeArrivingLate_IsSupersededButKeptInTheTrail()
    {
        var late = Identify("""{"email_consent":true}""", T0);
        var (profile, changes) = RunLogged(Identify("""{"email_consent":false}""", T0.AddDays(1)), late);

        Assert.Equal((ConsentState.Unsubscribed, T0.AddDays(1)), (profile.Consent["email"].State, profile.Consent["email"].UpdatedAt));
        Assert.Equal(
            new ConsentChange("email", T0, ConsentSource.Trait("email_consent"), late.MessageId, ConsentState.Unsubscribed, ConsentState.Subscribed, ConsentOutcome.Superseded),
            changes[1]);
    }

    [Fact]
    public void Apply_OlderUnsubscribeArrivingLate_DoesNotUndoALaterSubscribe()
    {
        var (profile, changes) = RunLogged(
            Identify("""{"email_consent":true}""", T0.AddDays(1)),
            Identify("""{"email_consent":"opted_out"}""", T0));

        Assert.Equal(ConsentState.Subscribed, profile.Consent["email"].State);
        Assert.Equal(ConsentOutcome.Superseded, changes[1].Outcome);
    }

    [Fact]
    public void Apply_SameStateAgain_NoChangeAndNoAuditRow()
    {
        var (profile, changes) = RunLogged(
            Identify("""{"email_consent":true}""", T0),
            Identify("""{"email_consent":"yes"}""", T0.AddDays(1)));

        Assert.Equal(T0, profile.Consent["email"].UpdatedAt);
        Assert.Single(changes);
    }

    [Fact]
    public void Apply_BothSpellings_SnakeCaseCounts()
    {
        var (profile, changes) = RunLogged(Identify("""{"emailConsent":true,"email_consent":false}"""));

        Assert.Equal(ConsentState.Unsubscribed, profile.Consent["email"].State);
        Assert.Equal("identify trait email_consent", Assert.Single(changes).Source.Name);
    }

    [Fact]
    public void Apply_UnrecognisedOrNullConsentValue_ChangesNothing()
    {
        // Ingestion refuses such values; one stored before that rule must not wedge the contact.
        var (profile, changes) = RunLogged(Identify("""{"email_consent":"maybe","sms_consent":1,"push_consent":null}"""));

        Assert.Empty(profile.Consent);
        Assert.Empty(changes);
    }

    [Fact]
    public void Apply_ConsentInContextTraitsOrSegmentConsentObject_IsNeverRead()
    {
        const string context = """
            {"traits":{"email_consent":true},
             "consent":{"categoryPreferences":{"email":true,"Advertising":true}}}
            """;
        var (profile, changes) = RunLogged(
            Identify("""{"email_consent":false}""", T0),
            Track("Clicked", at: T0.AddDays(1), context: context),
            Identify("{}", T0.AddDays(1), context: context));

        Assert.Equal(ConsentState.Unsubscribed, profile.Consent["email"].State);
        Assert.Single(profile.Consent);
        Assert.Single(changes);
    }

    private static (ContactProfile Profile, List<ConsentChange> Changes) RunLogged(params EventMessage[] messages)
    {
        var changes = new List<ConsentChange>();
        var profile = messages.Aggregate(Profile(), (p, m) => ProfileReducer.Apply(p, m, changes));
        return (profile, changes);
    }
}
