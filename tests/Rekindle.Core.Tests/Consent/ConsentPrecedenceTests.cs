using Rekindle.Core.Consent;

namespace Rekindle.Core.Tests.Consent;

public sealed class ConsentPrecedenceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = T0.AddHours(1);
    private static readonly DateTimeOffset Earlier = T0.AddHours(-1);
    private static readonly ConsentSource Trait = ConsentSource.Trait("email_consent");

    private static ChannelConsent At(ConsentState state, ConsentSource? source = null) => new(state, T0, source ?? Trait);

    [Theory]
    [InlineData(ConsentState.Unknown, ConsentState.Subscribed)]
    [InlineData(ConsentState.Unknown, ConsentState.Pending)]
    [InlineData(ConsentState.Unknown, ConsentState.Unsubscribed)]
    [InlineData(ConsentState.Unknown, ConsentState.Suppressed)]
    [InlineData(ConsentState.Pending, ConsentState.Subscribed)]
    [InlineData(ConsentState.Pending, ConsentState.Unsubscribed)]
    [InlineData(ConsentState.Subscribed, ConsentState.Unsubscribed)]
    [InlineData(ConsentState.Subscribed, ConsentState.Pending)]
    [InlineData(ConsentState.Subscribed, ConsentState.Suppressed)]
    [InlineData(ConsentState.Unsubscribed, ConsentState.Suppressed)]
    public void Decide_LaterChangeFromAnOpenState_Applied(ConsentState current, ConsentState requested) =>
        Assert.Equal(ConsentOutcome.Applied, ConsentPrecedence.Decide(At(current), requested, Later, new ConsentSource(ConsentSourceKind.OptInRequested, "test")));

    [Fact]
    public void Decide_NothingRecorded_AnyTimeApplies() =>
        Assert.Equal(ConsentOutcome.Applied, ConsentPrecedence.Decide(null, ConsentState.Unsubscribed, Earlier, Trait));

    [Theory]
    [InlineData(ConsentState.Subscribed, ConsentState.Unsubscribed)]
    [InlineData(ConsentState.Unsubscribed, ConsentState.Subscribed)]
    [InlineData(ConsentState.Suppressed, ConsentState.Subscribed)]
    [InlineData(ConsentState.Pending, ConsentState.Subscribed)]
    public void Decide_OlderThanTheRecordedChange_Superseded(ConsentState current, ConsentState requested) =>
        Assert.Equal(ConsentOutcome.Superseded, ConsentPrecedence.Decide(At(current), requested, Earlier, ConsentSource.OptInConfirmed));

    [Fact]
    public void Decide_SameTimeAsTheRecordedChange_AppliedInArrivalOrder() =>
        Assert.Equal(ConsentOutcome.Applied, ConsentPrecedence.Decide(At(ConsentState.Subscribed), ConsentState.Unsubscribed, T0, Trait));

    [Fact]
    public void Decide_SameStateAgain_NothingToRecord() =>
        Assert.Null(ConsentPrecedence.Decide(At(ConsentState.Unsubscribed), ConsentState.Unsubscribed, Later, Trait));

    [Fact]
    public void Decide_UnsubscribedThenLaterSubscribeTrait_Applied() =>
        Assert.Equal(ConsentOutcome.Applied, ConsentPrecedence.Decide(At(ConsentState.Unsubscribed), ConsentState.Subscribed, Later, Trait));

    [Fact]
    public void Decide_UnsubscribedThenLaterConfirmedOptIn_Applied() =>
        Assert.Equal(ConsentOutcome.Applied,
            ConsentPrecedence.Decide(At(ConsentState.Unsubscribed), ConsentState.Subscribed, Later, ConsentSource.OptInConfirmed));

    [Theory]
    [InlineData(ConsentState.Pending, ConsentSourceKind.OptInRequested)]
    [InlineData(ConsentState.Unknown, ConsentSourceKind.Erasure)]
    [InlineData(ConsentState.Subscribed, ConsentSourceKind.OptInRequested)]
    public void Decide_UnsubscribedThenAWeakerChange_Blocked(ConsentState requested, ConsentSourceKind kind) =>
        Assert.Equal(ConsentOutcome.Blocked,
            ConsentPrecedence.Decide(At(ConsentState.Unsubscribed), requested, Later, new ConsentSource(kind, "test")));

    [Theory]
    [InlineData(ConsentSourceKind.Bounce)]
    [InlineData(ConsentSourceKind.Complaint)]
    [InlineData(ConsentSourceKind.Erasure)]
    public void Decide_SuppressedThenSubscribeTrait_Blocked(ConsentSourceKind suppressedBy) =>
        Assert.Equal(ConsentOutcome.Blocked,
            ConsentPrecedence.Decide(At(ConsentState.Suppressed, new ConsentSource(suppressedBy, "test")), ConsentState.Subscribed, Later, Trait));

    [Fact]
    public void Decide_SuppressedThenConfirmedOptIn_Applied() =>
        Assert.Equal(ConsentOutcome.Applied,
            ConsentPrecedence.Decide(At(ConsentState.Suppressed, ConsentSource.Bounce), ConsentState.Subscribed, Later, ConsentSource.OptInConfirmed));

    [Theory]
    [InlineData(ConsentState.Unsubscribed)]
    [InlineData(ConsentState.Pending)]
    [InlineData(ConsentState.Unknown)]
    public void Decide_SuppressedThenAnythingButAConfirmedSubscribe_Blocked(ConsentState requested) =>
        Assert.Equal(ConsentOutcome.Blocked,
            ConsentPrecedence.Decide(At(ConsentState.Suppressed, ConsentSource.Complaint), requested, Later, ConsentSource.OptInConfirmed));

    [Fact]
    public void Apply_Blocked_KeepsTheConsentAndRecordsTheRequest()
    {
        var current = At(ConsentState.Suppressed, ConsentSource.Bounce);

        var (consent, change) = ConsentPrecedence.Apply(current, "email", ConsentState.Subscribed, Later, Trait, "m-9");

        Assert.Same(current, consent);
        Assert.Equal(new ConsentChange("email", Later, Trait, "m-9", ConsentState.Suppressed, ConsentState.Subscribed, ConsentOutcome.Blocked), change);
    }

    [Fact]
    public void Apply_Applied_NewConsentCarriesTimeSourceAndMessage()
    {
        var (consent, change) = ConsentPrecedence.Apply(null, "sms", ConsentState.Pending, Later, ConsentSource.OptInRequested, "m-1");

        Assert.Equal(new ChannelConsent(ConsentState.Pending, Later, ConsentSource.OptInRequested, "m-1"), consent);
        Assert.Equal(ConsentOutcome.Applied, change!.Outcome);
    }
}
