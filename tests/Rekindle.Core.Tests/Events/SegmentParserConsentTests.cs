using Rekindle.Core.Events;

namespace Rekindle.Core.Tests.Events;

/// <summary>Consent traits are checked at ingestion, so a value Rekindle cannot map is never stored (docs/consent.md).</summary>
public sealed class SegmentParserConsentTests
{
    private readonly SegmentRequests requests = new();

    [Fact]
    public void ParseSingle_IdentifyWithUnmappableConsent_RejectedNamingTheTraitAndValue()
    {
        var result = requests.Single(MessageType.Identify, """{"userId":"u1","traits":{"email":"a@b.c","smsConsent":"perhaps"}}""");

        Assert.Empty(result.Accepted);
        var error = Assert.Single(Assert.Single(result.Rejected).Errors);
        Assert.Equal("traits.smsConsent", error.Field);
        Assert.StartsWith("is not a consent value: \"perhaps\"; expected true or false", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSingle_IdentifyWithAcceptedConsentValues_Accepted()
    {
        var result = requests.Single(MessageType.Identify,
            """{"userId":"u1","traits":{"email_consent":" Unsubscribed ","sms_consent":true,"pushConsent":null}}""");

        Assert.Empty(result.Rejected);
        Assert.Equal("""{"email_consent":" Unsubscribed ","sms_consent":true,"pushConsent":null}""", Assert.Single(result.Accepted).Traits);
    }

    [Fact]
    public void ParseSingle_ConsentTraitOnAGroupOrInContext_NotChecked()
    {
        // A group's traits describe the group, and context.traits are never read for consent.
        var group = requests.Single(MessageType.Group, """{"userId":"u1","groupId":"g1","traits":{"email_consent":"maybe"}}""");
        var track = requests.Single(MessageType.Track, """{"userId":"u1","event":"E","context":{"traits":{"email_consent":"maybe"}}}""");

        Assert.Single(group.Accepted);
        Assert.Single(track.Accepted);
    }

    [Fact]
    public void ParseBatch_OneIdentifyWithUnmappableConsent_OnlyThatMessageRejected()
    {
        var result = requests.Batch("""
            {"batch":[
              {"type":"identify","userId":"u1","messageId":"m-1","traits":{"email_consent":"yes"}},
              {"type":"identify","userId":"u2","messageId":"m-2","traits":{"email_consent":2}},
              {"type":"track","userId":"u2","event":"E"}]}
            """);

        Assert.Equal(2, result.Accepted.Count);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal((1, "m-2"), (rejected.Index, rejected.MessageId));
        Assert.Equal("batch[1].traits.email_consent", Assert.Single(rejected.Errors).Field);
    }
}
