using System.Text.Json;
using Rekindle.Core.Events;
using Rekindle.Core.Intelligence.Rfm;
using Rekindle.Engine.Common;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Database;
using Rekindle.Storage.Events;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Scores;
using Rekindle.Storage.Settings;

namespace Rekindle.Engine.Intelligence;

/// <summary>What one RFM run produced, as the analytics API shows it.</summary>
public sealed record RfmRunSummary(
    DateTimeOffset AsOf, DateTimeOffset ComputedAt, RfmWindow Window, int Customers, int Changes,
    IReadOnlyList<RfmGridCell> Grid, IReadOnlyList<RfmSegmentSize> Segments);

/// <summary>
/// The RFM batch job: orders of the look-back window → scores (pure core) → contact_scores, and one
/// "RFM Segment Changed" event per contact whose segment changed, sent through the normal event path so
/// flows can trigger on it. The run's grid and segment sizes are kept for the analytics API.
/// </summary>
public sealed class RfmScoring(
    ScoreStore scores, SettingsStore settings, RekindleDatabase database, GroupCommitWriter writer, EngineSignals signals, RfmOptions options)
{
    public const string EventName = "RFM Segment Changed";
    private const string SummaryKey = "rfm_last_run";
    private const int ChunkSize = 2_000;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<RfmRunSummary> RunAsync(DateTimeOffset asOf, DateTimeOffset now, CancellationToken ct)
    {
        var window = RfmWindow.Ending(asOf, options.LookBack);
        var result = RfmScorer.Score(await scores.RfmInputsAsync(window, ct), asOf, options);
        var changes = RfmSegmentDiff.Compare(await scores.RfmSegmentsAsync(ct), result.Scores);

        foreach (var chunk in result.Scores.Chunk(ChunkSize))
        {
            await writer.WriteAsync([.. ScoreStore.UpsertRfm(chunk, now)], ct);
        }

        var dropped = changes.Where(c => c.To is null).Select(c => c.CustomerId).ToList();
        if (dropped.Count > 0)
        {
            await writer.WriteAsync([.. ScoreStore.ClearRfm(dropped)], ct);
        }

        var byContact = result.Scores.ToDictionary(s => s.CustomerId, StringComparer.Ordinal);
        foreach (var chunk in changes.Chunk(ChunkSize))
        {
            var addresses = await AddressesAsync(chunk.Select(c => c.CustomerId).ToList(), ct);
            var events = chunk.Where(c => addresses.ContainsKey(c.CustomerId))
                .Select(c => ChangeEvent(c, byContact.GetValueOrDefault(c.CustomerId), addresses[c.CustomerId], asOf, now)).ToList();
            await writer.WriteAsync([.. EventStore.Insert(events)], ct);
        }

        signals.EventsStored.Set();
        var summary = new RfmRunSummary(asOf, now, window, result.Customers, changes.Length, result.Grid.Cells, result.Segments);
        await settings.SetAsync(SummaryKey, JsonSerializer.Serialize(summary, Json), ct);
        return summary;
    }

    public async Task<RfmRunSummary?> LastRunAsync(CancellationToken ct) =>
        await settings.GetAsync(SummaryKey, ct) is { } json ? JsonSerializer.Deserialize<RfmRunSummary>(json, Json) : null;

    /// <summary>
    /// The event is addressed like any other: by one of the contact's own identities (a userId if it has
    /// one, else an anonymousId), so the ingestion pump delivers it to that contact's grain.
    /// </summary>
    private static EventMessage ChangeEvent(RfmSegmentChange change, RfmScore score, (string Kind, string Value) address,
        DateTimeOffset asOf, DateTimeOffset now) => new()
    {
        MessageId = $"rfm:{change.CustomerId}:{asOf.ToUnixTimeMilliseconds()}",
        Type = MessageType.Track,
        Event = EventName,
        UserId = address.Kind == "user_id" ? address.Value : null,
        AnonymousId = address.Kind == "anonymous_id" ? address.Value : null,
        Timestamp = now,
        ReceivedAt = now,
        Properties = change.To is null
            ? JsonSerializer.Serialize(new { from = change.From, to = (string?)null })
            : JsonSerializer.Serialize(new { from = change.From, to = change.To, r = score.R, f = score.F, m = score.M, recency_days = score.RecencyDays, frequency = score.Frequency, monetary = score.Monetary }),
        Context = """{"rekindle":{"source":"rfm"}}""",
    };

    private async Task<Dictionary<string, (string Kind, string Value)>> AddressesAsync(IReadOnlyList<string> contactIds, CancellationToken ct)
    {
        var found = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(ct);
        foreach (var part in contactIds.Chunk(500))
        {
            var placeholders = string.Join(", ", part.Select((_, i) => "@p" + i));
            await using var cmd = database.Command(connection,
                $"SELECT contact_id, kind, value FROM identities WHERE kind IN ('user_id', 'anonymous_id') AND contact_id IN ({placeholders}) " +
                "ORDER BY contact_id, kind DESC, value", part);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                // user_id sorts before anonymous_id in descending order: a userId wins.
                found.TryAdd(r.GetString(0), (r.GetString(1), r.GetString(2)));
            }
        }

        return found;
    }
}
