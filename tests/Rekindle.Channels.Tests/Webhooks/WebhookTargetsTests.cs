using System.Net;
using Rekindle.Channels.Webhooks;

namespace Rekindle.Channels.Tests.Webhooks;

public sealed class WebhookTargetsTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void IsPrivate_LoopbackPrivateLinkLocalSharedOrUnspecified_True(string address) =>
        Assert.True(WebhookTargets.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("192.169.0.1")]
    [InlineData("169.255.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void IsPrivate_PublicAddress_False(string address) =>
        Assert.False(WebhookTargets.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://hooks.example/x", null)]
    [InlineData("http://hooks.example:8080/x?y=1", null)]
    [InlineData("ftp://hooks.example/x", "webhook url 'ftp://hooks.example/x' must use http or https (was ftp)")]
    [InlineData("file:///etc/passwd", "webhook url 'file:///etc/passwd' must use http or https (was file)")]
    [InlineData("/hooks", "webhook url '/hooks' is not an absolute URL")]
    public void CheckUrl_Url_ProblemOrNull(string url, string? problem) =>
        Assert.Equal(problem, WebhookTargets.CheckUrl(url, out _));

    [Fact]
    public async Task ConnectAsync_NameResolvingToLoopback_RefusedNamingTheAddressAndTheOption()
    {
        var refused = await Assert.ThrowsAsync<WebhookTargetRefusedException>(
            async () => await WebhookTargets.ConnectAsync(new DnsEndPoint("localhost", 9), allowPrivate: false, CancellationToken.None));

        Assert.StartsWith("webhook target localhost (", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("is a loopback, private or link-local address; refused (set Webhooks:AllowPrivateTargets=true to allow it)",
            refused.Message, StringComparison.Ordinal);
    }
}
