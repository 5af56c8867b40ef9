using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Clv;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Orders;

namespace Rekindle.Storage.Scores;

/// <summary>A contact's stored churn and lifetime-value scores.</summary>
public sealed record StoredChurn(
    DateTimeOffset ComputedAt, double PAlive, string Risk, double ExpectedPurchases90d, double? ExpectedOrderValue, double? Clv);

/// <summary>Churn columns of contact_scores.</summary>
public static class ChurnScores
{
    public static string RiskName(ChurnRisk risk) => risk switch
    {
        ChurnRisk.Low => "low",
        ChurnRisk.Medium => "medium",
        ChurnRisk.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(risk), risk, null),
    };

    public static IEnumerable<SqlStatement> Upsert(IReadOnlyList<CustomerScore> scores, DateTimeOffset computedAt) =>
        MultiRow.Insert(
            "INSERT INTO contact_scores (contact_id, churn_computed_at, p_alive, churn_risk, expected_purchases_90d, expected_order_value, clv) VALUES",
            7,
            "ON CONFLICT (contact_id) DO UPDATE SET churn_computed_at = excluded.churn_computed_at, p_alive = excluded.p_alive, " +
            "churn_risk = excluded.churn_risk, expected_purchases_90d = excluded.expected_purchases_90d, " +
            "expected_order_value = excluded.expected_order_value, clv = excluded.clv",
            scores.Select(s => new object?[]
            {
                s.CustomerId, computedAt, s.ProbabilityAlive, RiskName(s.Risk), s.ExpectedPurchases, s.ExpectedOrderValue, s.LifetimeValue,
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
            "SELECT churn_computed_at, p_alive, churn_risk, expected_purchases_90d, expected_order_value, clv " +
            "FROM contact_scores WHERE contact_id = @p0 AND churn_risk IS NOT NULL", contactId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        return new StoredChurn(database.Dialect.ReadTime(r, 0), r.GetDouble(1), r.GetString(2), r.GetDouble(3),
            r.IsDBNull(4) ? null : r.GetDouble(4), r.IsDBNull(5) ? null : r.GetDouble(5));
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
}
