using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Prediction;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Orders;

namespace Rekindle.Storage.Scores;

/// <summary>A contact's stored churn and lifetime-value scores.</summary>
/// <param name="PAlive">P(alive) from the BTYD model; null when that model could not be fitted.</param>
/// <param name="Risk">"low", "medium" or "high".</param>
/// <param name="PurchaseProbability">P(a purchase within <paramref name="HorizonDays"/>); null under the fallback rule.</param>
/// <param name="Model">The model the risk comes from ("pareto-nbd", "boosted-trees", "rule:overdue", ...).</param>
public sealed record StoredChurn(
    DateTimeOffset ComputedAt, double? PAlive, string Risk, double? ExpectedPurchases90d, double? ExpectedOrderValue, double? Clv,
    double? PurchaseProbability = null, int? HorizonDays = null, double? ExpectedPurchases = null, DateTimeOffset? NextPurchaseAt = null,
    double? Overdue = null, string? Model = null);

/// <summary>One contact's churn row as a run writes it.</summary>
public sealed record ChurnRow(
    string ContactId, double? PAlive, ChurnRisk Risk, double? ExpectedPurchases90d, double? ExpectedOrderValue, double? Clv,
    double? PurchaseProbability, int HorizonDays, double? ExpectedPurchases, DateOnly? NextPurchase, double? Overdue, string Model);

/// <summary>Churn columns of contact_scores.</summary>
public static class ChurnScores
{
    private const string Columns =
        "churn_computed_at, p_alive, churn_risk, expected_purchases_90d, expected_order_value, clv, " +
        "purchase_probability, horizon_days, expected_purchases, next_purchase_at, overdue, churn_model";

    public static string RiskName(ChurnRisk risk) => risk switch
    {
        ChurnRisk.Low => "low",
        ChurnRisk.Medium => "medium",
        ChurnRisk.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(risk), risk, null),
    };

    public static ChurnRisk? ParseRisk(string? name) => name switch
    {
        "low" => ChurnRisk.Low,
        "medium" => ChurnRisk.Medium,
        "high" => ChurnRisk.High,
        _ => null,
    };

    // The columns of the BTYD value model, which a run whose value fit failed leaves as they were.
    private static readonly string[] ValueColumns = ["p_alive", "expected_purchases_90d", "expected_order_value", "clv"];

    /// <summary>
    /// Writes the rows. With <paramref name="keepValues"/> (the run's BTYD fit failed) a contact's existing P(alive),
    /// 90-day expectation, order value and CLV stay: a day the fit cannot be trusted does not erase what was known.
    /// </summary>
    public static IEnumerable<SqlStatement> Upsert(IReadOnlyList<ChurnRow> rows, DateTimeOffset computedAt, bool keepValues = false) =>
        MultiRow.Insert(
            $"INSERT INTO contact_scores (contact_id, {Columns}) VALUES",
            13,
            "ON CONFLICT (contact_id) DO UPDATE SET " + string.Join(", ", Columns.Split(", ")
                .Where(c => !(keepValues && ValueColumns.Contains(c)))
                .Select(c => $"{c} = excluded.{c}")),
            rows.Select(s => new object?[]
            {
                s.ContactId, computedAt, s.PAlive, RiskName(s.Risk), s.ExpectedPurchases90d, s.ExpectedOrderValue, s.Clv,
                s.PurchaseProbability, s.HorizonDays, s.ExpectedPurchases,
                s.NextPurchase is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
                s.Overdue, s.Model,
            }).ToList());

    public static async Task<Dictionary<string, string>> RisksAsync(RekindleDatabase database, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT contact_id, churn_risk FROM contact_scores WHERE churn_risk IS NOT NULL");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var risks = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            risks[r.GetString(0)] = r.GetString(1);
        }

        return risks;
    }

    public static async Task<StoredChurn?> ForContactAsync(RekindleDatabase database, string contactId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            $"SELECT {Columns} FROM contact_scores WHERE contact_id = @p0 AND churn_risk IS NOT NULL", contactId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        double? Number(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        return new StoredChurn(database.Dialect.ReadTime(r, 0), Number(1), r.GetString(2), Number(3), Number(4), Number(5),
            Number(6), r.IsDBNull(7) ? null : r.GetInt32(7), Number(8), database.Dialect.ReadTimeOrNull(r, 9), Number(10),
            r.IsDBNull(11) ? null : r.GetString(11));
    }

    /// <summary>Every order (contact, time, amount) up to <paramref name="end"/>, streamed in time order.</summary>
    public static async IAsyncEnumerable<(string ContactId, DateTimeOffset At, decimal Amount)> OrdersAsync(
        RekindleDatabase database, DateTimeOffset end, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            $"SELECT contact_id, ordered_at, {OrderStore.NetTotal} FROM orders WHERE {OrderStore.Counted} AND ordered_at <= @p0", end);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            yield return (r.GetString(0), database.Dialect.ReadTime(r, 1), database.Dialect.ReadMoney(r, 2));
        }
    }

    /// <summary>
    /// The engagement events of contacts (visits, product views, carts, email opens and clicks) in
    /// (<paramref name="after"/>, <paramref name="through"/>], as (contact, type, event name, time).
    /// </summary>
    public static async IAsyncEnumerable<(string ContactId, string Type, string? Event, DateTimeOffset At)> EngagementAsync(
        RekindleDatabase database, DateTimeOffset after, DateTimeOffset through,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var names = EngagementSignals.Events.Keys.ToList();
        var types = EngagementSignals.VisitTypes;
        var parameters = new List<object?> { after, through };
        string typeList = string.Join(", ", types.Select((_, i) => $"@p{i + 2}"));
        parameters.AddRange(types);
        string nameList = string.Join(", ", names.Select((_, i) => $"@p{i + 2 + types.Count}"));
        parameters.AddRange(names);
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            "SELECT contact_id, type, event, occurred_at FROM events WHERE contact_id IS NOT NULL AND occurred_at > @p0 AND occurred_at <= @p1 " +
            $"AND (type IN ({typeList}) OR (type = 'track' AND event IN ({nameList})))", [.. parameters]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            yield return (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), database.Dialect.ReadTime(r, 3));
        }
    }
}
