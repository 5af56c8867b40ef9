using Rekindle.Channels.Webhooks;

namespace Rekindle.Channels.Tests.Webhooks;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void DelayAfter_SuccessiveAttempts_DoublesUpToTheCap()
    {
        var options = new WebhookOptions { RetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(5) };

        Assert.Equal([30, 60, 120, 240, 300, 300], Enumerable.Range(1, 6).Select(a => options.DelayAfter(a).TotalSeconds));
    }

    [Fact]
    public void Validate_BadValues_EachNamedByItsKey()
    {
        var options = new WebhookOptions { MaxAttempts = 0, Timeout = TimeSpan.Zero, RetryDelay = TimeSpan.FromMinutes(2), MaxRetryDelay = TimeSpan.FromMinutes(1) };

        Assert.Equal(
            ["Webhooks:MaxAttempts must be at least 1 (was 0).", "Webhooks:Timeout must be positive (was 00:00:00).",
             "Webhooks:MaxRetryDelay must be at least RetryDelay (was 00:01:00, RetryDelay 00:02:00)."],
            options.Validate());
        Assert.Empty(new WebhookOptions().Validate());
    }
}
