using Rekindle.Channels.Webhooks;

namespace Rekindle.Channels.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Sign_KnownInput_MatchesOpenssl()
    {
        // printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec-test'
        Assert.Equal("sha256=fed7a1a6c799a6367d73724d76bc70c16678908a32a879cd1ded6565ac05cece",
            WebhookSignature.Sign("whsec-test", 1700000000, """{"a":1}"""));
    }

    [Fact]
    public void Verify_OtherTimestampOrBodyOrSecret_False()
    {
        var signature = WebhookSignature.Sign("s3cret", 1700000000, "{}");

        Assert.Equal((true, false, false, false),
            (WebhookSignature.Verify("s3cret", 1700000000, "{}", signature), WebhookSignature.Verify("s3cret", 1700000001, "{}", signature),
             WebhookSignature.Verify("s3cret", 1700000000, "{ }", signature), WebhookSignature.Verify("other", 1700000000, "{}", signature)));
    }

    [Fact]
    public void NewSecret_TwoCalls_64HexDigitsEachAndDifferent()
    {
        var (a, b) = (WebhookSignature.NewSecret(), WebhookSignature.NewSecret());

        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.NotEqual(a, b);
    }
}
