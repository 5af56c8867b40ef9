using Rekindle.Core.Consent;
using Rekindle.Core.Flows;
using Rekindle.Server.Features.Contacts;
using Rekindle.Server.Features.Flows;
using Rekindle.Server.Features.Hosting;
using Rekindle.Server.Features.Webhooks;
using Rekindle.Storage.Messages;

namespace Rekindle.Server.Tests.Hosting;

/// <summary>The API's enums against the internal ones they are mapped from by name.</summary>
public sealed class ApiEnumTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(ConsentState), typeof(ConsentStateView) },
        { typeof(ConsentSourceKind), typeof(ConsentSourceKindView) },
        { typeof(ConsentOutcome), typeof(ConsentOutcomeView) },
        { typeof(MessageKind), typeof(MessageKindView) },
        { typeof(MessageStatus), typeof(MessageStatusView) },
        { typeof(FlowInstanceStatus), typeof(FlowInstanceStatusView) },
        { typeof(WebhookAttemptOutcome), typeof(WebhookAttemptOutcomeView) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void ApiEnum_EveryInternalMember_HasTheSameNameInTheApi(Type internalEnum, Type apiEnum) =>
        Assert.Equal(Enum.GetNames(internalEnum), Enum.GetNames(apiEnum));

    [Fact]
    public void From_InternalValue_ApiValueOfTheSameName() =>
        Assert.Equal(ConsentSourceKindView.OptInConfirmed, ApiEnum.From<ConsentSourceKindView>(ConsentSourceKind.OptInConfirmed));
}
