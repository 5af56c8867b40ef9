using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Rekindle.Storage.Events;
using Rekindle.Storage.Messages;

namespace Rekindle.Engine.Telemetry;

/// <summary>
/// The two levels an operator alarms on, read from the database (the truth, whichever node wrote it):
/// events stored but not yet applied, and outbox messages waiting for delivery.
/// </summary>
public sealed class EngineGauges
{
    private readonly EventStore _events;
    private readonly MessageStore _messages;
    private readonly ILogger<EngineGauges> _logger;

    public EngineGauges(EngineMetrics metrics, EventStore events, MessageStore messages, ILogger<EngineGauges> logger)
    {
        _events = events;
        _messages = messages;
        _logger = logger;
        metrics.Meter.CreateObservableGauge("rekindle.ingestion.backlog", () => Observe(BacklogAsync), "{event}",
            "Events stored but not yet applied to their contact");
        metrics.Meter.CreateObservableGauge("rekindle.outbox.depth", () => Observe(OutboxDepthAsync), "{message}",
            "Outbox messages waiting for delivery");
    }

    public Task<long> BacklogAsync(CancellationToken ct) => _events.CountUnprocessedAsync(ct);

    public Task<long> OutboxDepthAsync(CancellationToken ct) => _messages.CountPendingAsync(ct);

    /// <summary>
    /// Collection is synchronous (a scrape, every 15 s or so): one indexed COUNT; a failure leaves the
    /// gauge out of this scrape rather than failing the whole /metrics answer.
    /// </summary>
    private IEnumerable<Measurement<long>> Observe(Func<CancellationToken, Task<long>> read)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            return [new Measurement<long>(read(timeout.Token).GetAwaiter().GetResult())];
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not read a gauge for the metrics");
            return [];
        }
    }
}
