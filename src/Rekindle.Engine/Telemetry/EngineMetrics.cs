using System.Diagnostics.Metrics;
using Rekindle.Core.Events;

namespace Rekindle.Engine.Telemetry;

/// <summary>
/// The numbers an operator watches, recorded where they become known: events accepted (ingestion API,
/// after the commit), events applied and their reaction latency (contact grain, after the commit),
/// flows started, messages delivered or failed (outbox dispatcher). Exposed as the "Rekindle" meter
/// (OpenTelemetry, /metrics) and summed for the periodic log line (<see cref="EngineSummaryLogger"/>).
/// The gauges (backlog, outbox depth) are read from the database when collected: see <see cref="EngineGauges"/>.
/// </summary>
public sealed class EngineMetrics
{
    public const string MeterName = "Rekindle";

    private readonly Counter<long> _eventsAccepted;
    private readonly Counter<long> _eventsApplied;
    private readonly Counter<long> _flowsStarted;
    private readonly Counter<long> _messages;
    private readonly Histogram<double> _reaction;
    private long _accepted;
    private long _applied;
    private long _started;
    private long _sent;
    private long _failed;

    public EngineMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _eventsAccepted = Meter.CreateCounter<long>("rekindle.events.accepted", "{event}", "Events the ingestion API stored (2xx)");
        _eventsApplied = Meter.CreateCounter<long>("rekindle.events.applied", "{event}", "Events applied to their contact by the engine");
        _flowsStarted = Meter.CreateCounter<long>("rekindle.flows.started", "{instance}", "Flow instances started");
        _messages = Meter.CreateCounter<long>("rekindle.messages", "{message}",
            "Delivery attempts of outbox messages by channel and result (sent, failed: will retry, gave_up: no more attempts)");
        _reaction = Meter.CreateHistogram<double>("rekindle.reaction.latency", "s",
            "From an event accepted by the API to its contact grain committing what it caused",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    }

    public Meter Meter { get; }

    public void EventsAccepted(int count)
    {
        _eventsAccepted.Add(count);
        Interlocked.Add(ref _accepted, count);
    }

    /// <summary>A grain committed these events at <paramref name="committedAt"/> (Rekindle's clock, as their ReceivedAt).</summary>
    public void EventsApplied(IReadOnlyList<EventMessage> events, DateTimeOffset committedAt)
    {
        _eventsApplied.Add(events.Count);
        Interlocked.Add(ref _applied, events.Count);
        foreach (var e in events)
        {
            _reaction.Record(Math.Max(0, (committedAt - e.ReceivedAt).TotalSeconds));
        }
    }

    public void FlowsStarted(int count)
    {
        if (count > 0)
        {
            _flowsStarted.Add(count);
            Interlocked.Add(ref _started, count);
        }
    }

    public void MessageSent(string channel) => Message(channel, "sent", ref _sent);

    public void MessageFailed(string channel, bool gaveUp) => Message(channel, gaveUp ? "gave_up" : "failed", ref _failed);

    /// <summary>Running totals since start, for the summary line.</summary>
    public EngineTotals Totals => new(Interlocked.Read(ref _accepted), Interlocked.Read(ref _applied),
        Interlocked.Read(ref _started), Interlocked.Read(ref _sent), Interlocked.Read(ref _failed));

    private void Message(string channel, string result, ref long total)
    {
        _messages.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("result", result));
        Interlocked.Increment(ref total);
    }
}

public sealed record EngineTotals(long Accepted, long Applied, long FlowsStarted, long MessagesSent, long MessagesFailed)
{
    public EngineTotals Minus(EngineTotals earlier) => new(Accepted - earlier.Accepted, Applied - earlier.Applied,
        FlowsStarted - earlier.FlowsStarted, MessagesSent - earlier.MessagesSent, MessagesFailed - earlier.MessagesFailed);

    public bool IsZero => this == new EngineTotals(0, 0, 0, 0, 0);
}
