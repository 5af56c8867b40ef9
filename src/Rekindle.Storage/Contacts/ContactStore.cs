using System.Globalization;
using Rekindle.Core.Contacts;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Storage.Contacts;

/// <summary>A stored contact: its profile, or where it went if it was merged into another.</summary>
public sealed record StoredContact(ContactProfile Profile, string? MergedInto);

/// <summary>Contacts and their identities (anonymousId, userId, email, phone → contact).</summary>
public sealed class ContactStore(RekindleDatabase database)
{
    private const string UpsertSql =
        "INSERT INTO contacts (id, created_at, updated_at, merged_into, user_id, email, phone, first_seen_at, last_seen_at, " +
        "visits, orders, revenue, last_order_at, cart_updated_at, profile) " +
        "VALUES (@p0, @p1, @p2, NULL, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13) " +
        "ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, user_id = excluded.user_id, " +
        "email = excluded.email, phone = excluded.phone, first_seen_at = excluded.first_seen_at, " +
        "last_seen_at = excluded.last_seen_at, visits = excluded.visits, orders = excluded.orders, " +
        "revenue = excluded.revenue, last_order_at = excluded.last_order_at, " +
        "cart_updated_at = excluded.cart_updated_at, profile = excluded.profile";

    public static SqlStatement Upsert(ContactProfile p, DateTimeOffset now) => new(UpsertSql,
        p.Id, p.CreatedAt, now, p.UserId, p.Email, p.Phone, p.FirstSeenAt, p.LastSeenAt, p.Visits, p.Orders,
        p.Revenue, p.LastOrderAt, p.CartUpdatedAt, new JsonText(ProfileJson.Serialize(p)));

    /// <summary>Points identities at a contact (taking them over from any other contact).</summary>
    public static IEnumerable<SqlStatement> AssignIdentities(IEnumerable<(string Kind, string Value)> identities, string contactId) =>
        MultiRow.Insert("INSERT INTO identities (kind, value, contact_id) VALUES", 3,
            "ON CONFLICT (kind, value) DO UPDATE SET contact_id = excluded.contact_id",
            identities.DistinctBy(i => (i.Kind, i.Value)).Select(i => new object?[] { i.Kind, i.Value, contactId }).ToList());

    /// <summary>The loser of a merge keeps its row as a forwarding address (old links and ids still resolve).</summary>
    public static SqlStatement MarkMerged(string loserId, string survivorId, DateTimeOffset now) => new(
        "UPDATE contacts SET merged_into = @p0, updated_at = @p1 WHERE id = @p2", survivorId, now, loserId);

    public static SqlStatement MoveIdentities(string fromContactId, string toContactId) => new(
        "UPDATE identities SET contact_id = @p0 WHERE contact_id = @p1", toContactId, fromContactId);

    public async Task<StoredContact?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT profile, merged_into FROM contacts WHERE id = @p0", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        return new StoredContact(ProfileJson.Deserialize(r.GetString(0)), r.IsDBNull(1) ? null : r.GetString(1));
    }

    /// <summary>Follows merge forwarding to the contact that lives on (at most a few hops).</summary>
    public async Task<ContactProfile?> FindLiveAsync(string id, CancellationToken ct)
    {
        for (var hop = 0; hop < 16; hop++)
        {
            var stored = await FindAsync(id, ct);
            if (stored is null)
            {
                return null;
            }

            if (stored.MergedInto is null)
            {
                return stored.Profile;
            }

            id = stored.MergedInto;
        }

        return null;
    }

    /// <summary>The contact an identity belongs to, or null.</summary>
    public async Task<string?> LookupAsync(string kind, string value, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            "SELECT contact_id FROM identities WHERE kind = @p0 AND value = @p1", kind, value);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public async Task<IReadOnlyList<(string Kind, string Value)>> IdentitiesAsync(string contactId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            "SELECT kind, value FROM identities WHERE contact_id = @p0 ORDER BY kind, value", contactId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<(string, string)>();
        while (await r.ReadAsync(ct))
        {
            list.Add((r.GetString(0), r.GetString(1)));
        }

        return list;
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT COUNT(*) FROM contacts WHERE merged_into IS NULL");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The trait names on the <paramref name="recentContacts"/> most recently updated contacts, in ordinal order: what
    /// templates may expect under <c>contact.traits</c>. Bounded so that checking a flow stays cheap on a large shop.
    /// </summary>
    public async Task<IReadOnlyList<string>> TraitNamesAsync(int recentContacts, CancellationToken ct)
    {
        const string Recent = "SELECT profile FROM contacts WHERE merged_into IS NULL ORDER BY updated_at DESC LIMIT @p0";
        var sql = database.Dialect.Provider == DatabaseProvider.Postgres
            ? $"SELECT DISTINCT k FROM ({Recent}) c, jsonb_object_keys(c.profile -> 'traits') k"
            : $"SELECT DISTINCT j.key FROM ({Recent}) c, json_each(c.profile, '$.traits') j";
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, sql, recentContacts);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var names = new List<string>();
        while (await r.ReadAsync(ct))
        {
            names.Add(r.GetString(0));
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
