namespace Rekindle.Channels.Webhooks;

/// <summary>Webhook delivery, bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed record WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Attempts before a message is marked failed (the first one included).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>How long one request may take, connecting included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the second attempt; each later wait doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Lets webhooks reach loopback, private, link-local and shared (CGNAT) addresses: for a receiver on the same host or
    /// network. Off by default, so that a flow cannot be used to probe the server's own network.
    /// </summary>
    public bool AllowPrivateTargets { get; init; }

    /// <summary>Every problem, each naming its configuration key; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxAttempts < 1)
        {
            errors.Add($"{SectionName}:MaxAttempts must be at least 1 (was {MaxAttempts}).");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:Timeout must be positive (was {Timeout}).");
        }

        if (RetryDelay <= TimeSpan.Zero)
        {
            errors.Add($"{SectionName}:RetryDelay must be positive (was {RetryDelay}).");
        }

        if (MaxRetryDelay < RetryDelay)
        {
            errors.Add($"{SectionName}:MaxRetryDelay must be at least RetryDelay (was {MaxRetryDelay}, RetryDelay {RetryDelay}).");
        }

        return errors;
    }

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1 = the first): doubling, capped.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        var ticks = Math.Min(MaxRetryDelay.Ticks, RetryDelay.Ticks * Math.Pow(2, doublings));
        return TimeSpan.FromTicks((long)ticks);
    }
}
