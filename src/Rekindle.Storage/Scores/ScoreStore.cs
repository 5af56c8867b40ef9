using Rekindle.Core.Intelligence.Rfm;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Orders;

namespace Rekindle.Storage.Scores;

/// <summary>A contact's stored RFM result.</summary>
public sealed record StoredRfm(
    DateTimeOffset ComputedAt, int RecencyDays, int Frequency, decimal Monetary, int R, int F, int M, string Segment);

/// <summary>The batch jobs' results per contact (contact_scores).</summary>
public sealed class ScoreStore(RekindleDatabase database)
{
    private const string UpsertSuffix =
        "ON CONFLICT (contact_id) DO UPDATE SET rfm_computed_at = excluded.rfm_computed_at, rfm_recency_days = excluded.rfm_recency_days, " +
        "rfm_frequency = excluded.rfm_frequency, rfm_monetary = excluded.rfm_monetary, rfm_r = excluded.rfm_r, rfm_f = excluded.rfm_f, " +
        "rfm_m = excluded.rfm_m, rfm_segment = excluded.rfm_segment";

    public static IEnumerable<SqlStatement> UpsertRfm(IReadOnlyList<RfmScore> scores, DateTimeOffset computedAt) =>
        MultiRow.Insert(
            "INSERT INTO contact_scores (contact_id, rfm_computed_at, rfm_recency_days, rfm_frequency, rfm_monetary, rfm_r, rfm_f, rfm_m, rfm_segment) VALUES",
            9, UpsertSuffix,
            scores.Select(s => new object?[] { s.CustomerId, computedAt, s.RecencyDays, s.Frequency, s.Monetary, s.R, s.F, s.M, s.Segment }).ToList());

    /// <summary>Contacts that left the window lose their RFM scores (they have no orders to score).</summary>
    public static IEnumerable<SqlStatement> ClearRfm(IReadOnlyList<string> contactIds) => MultiRow.WhereIn(
        "UPDATE contact_scores SET rfm_computed_at = @p0, rfm_recency_days = NULL, rfm_frequency = NULL, rfm_monetary = NULL, " +
        "rfm_r = NULL, rfm_f = NULL, rfm_m = NULL, rfm_segment = NULL WHERE contact_id", null, contactIds.Cast<object>().ToList());

    /// <summary>One aggregate per contact with orders inside the window, for <see cref="RfmScorer"/>.</summary>
    public async Task<IReadOnlyList<RfmInput>> RfmInputsAsync(RfmWindow window, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            $"SELECT contact_id, MAX(ordered_at), COUNT(*), SUM({OrderStore.NetTotal}) FROM orders " +
            $"WHERE {OrderStore.Counted} AND ordered_at >= @p0 AND ordered_at <= @p1 GROUP BY contact_id",
            window.Start, window.End);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RfmInput>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new RfmInput(r.GetString(0), database.Dialect.ReadTime(r, 1),
                Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture), database.Dialect.ReadMoney(r, 3)));
        }

        return list;
    }

    /// <summary>Every contact's current RFM segment.</summary>
    public async Task<Dictionary<string, string>> RfmSegmentsAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT contact_id, rfm_segment FROM contact_scores WHERE rfm_segment IS NOT NULL");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var segments = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            segments[r.GetString(0)] = r.GetString(1);
        }

        return segments;
    }

    public async Task<StoredRfm?> RfmAsync(string contactId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            "SELECT rfm_computed_at, rfm_recency_days, rfm_frequency, rfm_monetary, rfm_r, rfm_f, rfm_m, rfm_segment " +
            "FROM contact_scores WHERE contact_id = @p0 AND rfm_segment IS NOT NULL", contactId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        return new StoredRfm(database.Dialect.ReadTime(r, 0), r.GetInt32(1), r.GetInt32(2), database.Dialect.ReadMoney(r, 3),
            r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetString(7));
    }
}
