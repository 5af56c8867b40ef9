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
        await ContactAddresses.SendAsync(database, writer, signals, changes, c => c.CustomerId,
            (c, address) => ChangeEvent(c, byContact.GetValueOrDefault(c.CustomerId), address, asOf, now), ct);
        var summary = new RfmRunSummary(asOf, now, window, result.Customers, changes.Length, result.Grid.Cells, result.Segments);
        await settings.SetAsync(SummaryKey, JsonSerializer.Serialize(summary, Json), ct);
        return summary;
    }

    public async Task<RfmRunSummary?> LastRunAsync(CancellationToken ct) =>
        await settings.GetAsync(SummaryKey, ct) is { } json ? JsonSerializer.Deserialize<RfmRunSummary>(json, Json) : null;

    /// <summary>The event, addressed to the contact by one of its identities (<see cref="ContactAddresses"/>).</summary>
    private static EventMessage ChangeEvent(RfmSegmentChange change, RfmScore score, (string Kind, string Value) address,
        DateTimeOffset asOf, DateTimeOffset now) =>
        ContactAddresses.Track(address, "rfm", EventName, $"rfm:{change.CustomerId}:{asOf.ToUnixTimeMilliseconds()}", now,
            change.To is null
                ? JsonSerializer.Serialize(new { from = change.From, to = (string?)null })
                : JsonSerializer.Serialize(new
                {
                    from = change.From, to = change.To, r = score.R, f = score.F, m = score.M,
                    recency_days = score.RecencyDays, frequency = score.Frequency, monetary = score.Monetary,
                }));
}
