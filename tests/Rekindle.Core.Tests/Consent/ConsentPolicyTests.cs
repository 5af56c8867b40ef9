using Rekindle.Core.Consent;

namespace Rekindle.Core.Tests.Consent;

/// <summary>The whole matrix: five states × marketing/transactional × Consent:MarketingToUnknown.</summary>
public sealed class ConsentPolicyTests
{
    [Theory]
    // state, kind, MarketingToUnknown, expected reason (null: allowed)
    [InlineData(ConsentState.Subscribed, MessageKind.Marketing, true, null)]
    [InlineData(ConsentState.Subscribed, MessageKind.Marketing, false, null)]
    [InlineData(ConsentState.Subscribed, MessageKind.Transactional, true, null)]
    [InlineData(ConsentState.Subscribed, MessageKind.Transactional, false, null)]
    [InlineData(ConsentState.Unknown, MessageKind.Marketing, true, null)]
    [InlineData(ConsentState.Unknown, MessageKind.Marketing, false, "consent: email unknown")]
    [InlineData(ConsentState.Unknown, MessageKind.Transactional, true, null)]
    [InlineData(ConsentState.Unknown, MessageKind.Transactional, false, null)]
    [InlineData(ConsentState.Pending, MessageKind.Marketing, true, "consent: email pending")]
    [InlineData(ConsentState.Pending, MessageKind.Marketing, false, "consent: email pending")]
    [InlineData(ConsentState.Pending, MessageKind.Transactional, true, null)]
    [InlineData(ConsentState.Pending, MessageKind.Transactional, false, null)]
    [InlineData(ConsentState.Unsubscribed, MessageKind.Marketing, true, "consent: email unsubscribed")]
    [InlineData(ConsentState.Unsubscribed, MessageKind.Marketing, false, "consent: email unsubscribed")]
    [InlineData(ConsentState.Unsubscribed, MessageKind.Transactional, true, null)]
    [InlineData(ConsentState.Unsubscribed, MessageKind.Transactional, false, null)]
    [InlineData(ConsentState.Suppressed, MessageKind.Marketing, true, "consent: email suppressed")]
    [InlineData(ConsentState.Suppressed, MessageKind.Marketing, false, "consent: email suppressed")]
    [InlineData(ConsentState.Suppressed, MessageKind.Transactional, true, "consent: email suppressed")]
    [InlineData(ConsentState.Suppressed, MessageKind.Transactional, false, "consent: email suppressed")]
    public void Check_StateKindAndSetting_AllowedOrTheReason(ConsentState state, MessageKind kind, bool marketingToUnknown, string? reason)
    {
        var decision = ConsentPolicy.Check(ConsentChannels.Email, state, kind, new ConsentRules(marketingToUnknown));

        Assert.Equal(new ConsentDecision(reason is null, reason), decision);
    }

    [Fact]
    public void Check_OtherChannel_ReasonNamesIt() =>
        Assert.Equal("consent: sms unsubscribed",
            ConsentPolicy.Check(ConsentChannels.Sms, ConsentState.Unsubscribed, MessageKind.Marketing, ConsentRules.Default).Reason);

    [Fact]
    public void Default_MarketingToUnknown_IsOn() => Assert.True(ConsentRules.Default.MarketingToUnknown);
}
