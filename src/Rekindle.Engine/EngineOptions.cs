namespace Rekindle.Engine;

/// <summary>Tuning of the engine's background loops (configuration section "Engine").</summary>
public sealed record EngineOptions
{
    /// <summary>Most events the ingestion pump hands to contacts in one round.</summary>
    public int IngestionBatchSize { get; init; } = 4_000;

    /// <summary>How often loops look for work nobody nudged them about (another node's, a restart's).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public int TimerBatchSize { get; init; } = 2_000;

    public int OutboxBatchSize { get; init; } = 200;

    /// <summary>The currency of an order whose event names none (ISO 4217).</summary>
    public string DefaultCurrency { get; init; } = "USD";

    /// <summary>Delivery attempts before a message is marked failed.</summary>
    public int MaxDeliveryAttempts { get; init; } = 8;

    /// <summary>How often the one-line engine summary is logged (only when something happened).</summary>
    public TimeSpan SummaryInterval { get; init; } = TimeSpan.FromMinutes(1);
}
