using System.Data.Common;
using Rekindle.Core.Coupons;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Storage.Coupons;

/// <summary>
/// Coupon campaigns and codes. Issuing runs in its own short transaction before the email that shows the code is
/// composed (the grain must know the code to render it); its issue key makes a retried journey get the same code.
/// </summary>
public sealed class CouponStore(RekindleDatabase database)
{
    // A collision needs two draws among ≥ 2³⁰ codes to meet; ten in a row means the pattern's space is nearly used up.
    private const int MaxDraws = 10;

    // PostgreSQL: callers at the same moment take different pool codes instead of queueing on (and then losing)
    // the same row. SQLite serialises writers, so the claim is never contended there.
    private string SkipLocked => database.Dialect.Provider == DatabaseProvider.Postgres ? " FOR UPDATE SKIP LOCKED" : "";

    private const string CodeColumns =
        "code, campaign_id, tier, value_kind, value_amount, currency, contact_id, issued_at, expires_at, redeemed_at, order_id";

    /// <summary>Creates or replaces a campaign; true when it is new.</summary>
    public async Task<bool> SaveCampaignAsync(string id, string definition, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var exists = database.Command(connection, "SELECT 1 FROM coupon_campaigns WHERE campaign_id = @p0", id);
        var created = await exists.ExecuteScalarAsync(ct) is null;
        await using var cmd = database.Command(connection,
            "INSERT INTO coupon_campaigns (campaign_id, definition, created_at, updated_at) VALUES (@p0, @p1, @p2, @p2) " +
            "ON CONFLICT (campaign_id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at",
            id, new JsonText(definition), now);
        await cmd.ExecuteNonQueryAsync(ct);
        return created;
    }

    public async Task<StoredCampaign?> FindCampaignAsync(string id, CancellationToken ct) =>
        (await CampaignsAsync("WHERE campaign_id = @p0", [id], ct)).SingleOrDefault();

    public Task<IReadOnlyList<StoredCampaign>> ListCampaignsAsync(CancellationToken ct) => CampaignsAsync("ORDER BY campaign_id", [], ct);

    /// <summary>Adds codes to a tier's pool in one transaction; a code that exists anywhere already is left as it is.</summary>
    public async Task<PoolUpload> AddPoolCodesAsync(string campaignId, string tier, IReadOnlyList<string> codes, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var added = 0;
        foreach (var code in codes)
        {
            await using var cmd = database.Command(connection,
                "INSERT INTO coupon_codes (code, campaign_id, tier, uploaded_at) VALUES (@p0, @p1, @p2, @p3) ON CONFLICT (code) DO NOTHING",
                code, campaignId, tier, now);
            cmd.Transaction = tx;
            added += await cmd.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return new PoolUpload(added, codes.Count - added);
    }

    /// <summary>
    /// Gives the contact a code of <paramref name="tier"/>: the one already issued under <paramref name="issueKey"/>,
    /// else the next pool code or a new code from the pattern. Null when the tier's pool is empty.
    /// </summary>
    /// <param name="nextIndex">Random source for pattern codes (uniform in [0, n)).</param>
    public async Task<IssuedCoupon?> IssueAsync(
        CouponCampaign campaign, CouponTier tier, string contactId, string issueKey, DateTimeOffset now, Func<int, int> nextIndex, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var expires = now + campaign.ValidFor;
        for (var attempt = 0; attempt < MaxDraws; attempt++)
        {
            if (await FindByKeyAsync(connection, campaign.Id, issueKey, ct) is { } existing)
            {
                return existing;
            }

            var value = tier.Value;
            var kind = value.Kind.ToString();
            int claimed;
            try
            {
                await using var cmd = campaign.Source == CouponCodeSource.Pool
                    ? database.Command(connection,
                        "UPDATE coupon_codes SET contact_id = @p0, issue_key = @p1, issued_at = @p2, expires_at = @p3, value_kind = @p4, " +
                        "value_amount = @p5, currency = @p6 WHERE contact_id IS NULL AND code = (SELECT code FROM coupon_codes " +
                        "WHERE campaign_id = @p7 AND tier = @p8 AND contact_id IS NULL ORDER BY code LIMIT 1" + SkipLocked + ")",
                        contactId, issueKey, now, expires, kind, value.Amount, value.Currency, campaign.Id, tier.Name)
                    : database.Command(connection,
                        "INSERT INTO coupon_codes (code, campaign_id, tier, value_kind, value_amount, currency, contact_id, issue_key, " +
                        "issued_at, expires_at, uploaded_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p8) ON CONFLICT DO NOTHING",
                        campaign.Pattern!.Generate(nextIndex), campaign.Id, tier.Name, kind, value.Amount, value.Currency, contactId,
                        issueKey, now, expires);
                claimed = await cmd.ExecuteNonQueryAsync(ct);
            }
            catch (DbException)
            {
                // Another call issued under the same key at the same moment: the next round finds its code.
                continue;
            }

            if (claimed == 1)
            {
                return await FindByKeyAsync(connection, campaign.Id, issueKey, ct);
            }

            if (campaign.Source == CouponCodeSource.Pool && !await PoolHasCodesAsync(connection, campaign.Id, tier.Name, ct))
            {
                return null;
            }
        }

        throw new InvalidOperationException(
            $"Coupon campaign '{campaign.Id}': no free code after {MaxDraws} attempts; the pool is contended or the pattern's codes are nearly used up.");
    }

    /// <summary>Marks a code used by an order; only the first order that carries it counts.</summary>
    public static SqlStatement Redeem(string code, string orderId, DateTimeOffset at) => new(
        "UPDATE coupon_codes SET redeemed_at = @p0, order_id = @p1 WHERE code = @p2 AND redeemed_at IS NULL", at, orderId, code);

    public async Task<StoredCoupon?> FindAsync(string code, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await CouponsAsync(connection, "WHERE code = @p0", [code], ct)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<StoredCoupon>> ForContactAsync(string contactId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await CouponsAsync(connection, "WHERE contact_id = @p0 ORDER BY issued_at DESC, code", [contactId], ct);
    }

    public async Task<IReadOnlyList<CouponTierStats>> StatsAsync(string campaignId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            "SELECT c.tier, SUM(CASE WHEN c.contact_id IS NULL THEN 1 ELSE 0 END), SUM(CASE WHEN c.contact_id IS NULL THEN 0 ELSE 1 END), " +
            "SUM(CASE WHEN c.redeemed_at IS NULL THEN 0 ELSE 1 END), " +
            "COALESCE(SUM(CASE WHEN o.cancelled_at IS NULL THEN o.total - o.refunded ELSE 0 END), 0) " +
            "FROM coupon_codes c LEFT JOIN orders o ON o.order_id = c.order_id WHERE c.campaign_id = @p0 GROUP BY c.tier ORDER BY c.tier",
            campaignId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var stats = new List<CouponTierStats>();
        while (await r.ReadAsync(ct))
        {
            stats.Add(new CouponTierStats(r.GetString(0), Convert.ToInt64(r.GetValue(1)), Convert.ToInt64(r.GetValue(2)),
                Convert.ToInt64(r.GetValue(3)), database.Dialect.ReadMoney(r, 4)));
        }

        return stats;
    }

    private async Task<IssuedCoupon?> FindByKeyAsync(DbConnection connection, string campaignId, string issueKey, CancellationToken ct)
    {
        var found = (await CouponsAsync(connection, "WHERE campaign_id = @p0 AND issue_key = @p1", [campaignId, issueKey], ct)).SingleOrDefault();
        return found is null ? null
            : new IssuedCoupon(found.Code, found.CampaignId, found.Tier, found.Value!, found.ContactId!, found.IssuedAt!.Value, found.ExpiresAt!.Value);
    }

    private async Task<bool> PoolHasCodesAsync(DbConnection connection, string campaignId, string tier, CancellationToken ct)
    {
        await using var cmd = database.Command(connection,
            "SELECT 1 FROM coupon_codes WHERE campaign_id = @p0 AND tier = @p1 AND contact_id IS NULL LIMIT 1", campaignId, tier);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    private async Task<IReadOnlyList<StoredCampaign>> CampaignsAsync(string where, object?[] args, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT campaign_id, definition, created_at, updated_at FROM coupon_campaigns " + where, args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<StoredCampaign>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new StoredCampaign(r.GetString(0), r.GetString(1), database.Dialect.ReadTime(r, 2), database.Dialect.ReadTime(r, 3)));
        }

        return list;
    }

    private async Task<IReadOnlyList<StoredCoupon>> CouponsAsync(DbConnection connection, string where, object?[] args, CancellationToken ct)
    {
        await using var cmd = database.Command(connection, $"SELECT {CodeColumns} FROM coupon_codes {where}", args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<StoredCoupon>();
        var dialect = database.Dialect;
        while (await r.ReadAsync(ct))
        {
            CouponValue? value = r.IsDBNull(3) ? null
                : new CouponValue(Enum.Parse<CouponValueKind>(r.GetString(3)), dialect.ReadMoney(r, 4), r.IsDBNull(5) ? null : r.GetString(5));
            list.Add(new StoredCoupon(r.GetString(0), r.GetString(1), r.GetString(2), value, r.IsDBNull(6) ? null : r.GetString(6),
                dialect.ReadTimeOrNull(r, 7), dialect.ReadTimeOrNull(r, 8), dialect.ReadTimeOrNull(r, 9), r.IsDBNull(10) ? null : r.GetString(10)));
        }

        return list;
    }
}
