using System.Text;
using Rekindle.Core.Contacts;
using Rekindle.Storage.Database;

namespace Rekindle.Engine.Ingestion;

/// <summary>
/// The ingestion pump's view of who is who: identity → contact, and each contact's userId (the merge
/// rules need it). Backed by the identities table and prefetched per batch, so the pure
/// <see cref="IdentityResolver"/> can look identities up synchronously. Only the pump uses it, so it
/// needs no locks; a failed round clears it and the database is asked again.
/// </summary>
public sealed class IdentityDirectory(RekindleDatabase database)
{
    private const int MaxEntries = 2_000_000;
    private readonly Dictionary<IdentityKey, string> _owners = [];
    private readonly Dictionary<string, string?> _userIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _mergedInto = new(StringComparer.Ordinal);
    private readonly HashSet<IdentityKey> _knownMissing = [];

    public static string KindName(IdentityKind kind) => kind switch
    {
        IdentityKind.AnonymousId => "anonymous_id",
        IdentityKind.UserId => "user_id",
        IdentityKind.Email => "email",
        IdentityKind.Phone => "phone",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public void Clear()
    {
        _owners.Clear();
        _userIds.Clear();
        _mergedInto.Clear();
        _knownMissing.Clear();
    }

    /// <summary>Loads every identity of <paramref name="keys"/> not cached yet, in one query per kind.</summary>
    public async Task PrefetchAsync(IEnumerable<IdentityKey> keys, CancellationToken ct)
    {
        if (_owners.Count > MaxEntries)
        {
            Clear();
        }

        var missing = keys.Where(k => !_owners.ContainsKey(k) && !_knownMissing.Contains(k)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(ct);
        foreach (var group in missing.GroupBy(k => k.Kind))
        {
            foreach (var chunk in group.Chunk(500))
            {
                var sql = new StringBuilder(
                    "SELECT i.value, i.contact_id, c.user_id FROM identities i LEFT JOIN contacts c ON c.id = i.contact_id " +
                    "WHERE i.kind = @p0 AND i.value IN (");
                var args = new object?[chunk.Length + 1];
                args[0] = KindName(group.Key);
                for (var i = 0; i < chunk.Length; i++)
                {
                    sql.Append(i == 0 ? "@p" : ", @p").Append(i + 1);
                    args[i + 1] = chunk[i].Value;
                }

                sql.Append(')');
                await using var cmd = database.Command(connection, sql.ToString(), args);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                var found = new HashSet<string>(StringComparer.Ordinal);
                while (await r.ReadAsync(ct))
                {
                    var contactId = r.GetString(1);
                    found.Add(r.GetString(0));
                    _owners[new IdentityKey(group.Key, r.GetString(0))] = contactId;
                    _userIds.TryAdd(contactId, r.IsDBNull(2) ? null : r.GetString(2));
                }

                foreach (var key in chunk.Where(k => !found.Contains(k.Value)))
                {
                    _knownMissing.Add(key);
                }
            }
        }
    }

    public ContactRef? Lookup(IdentityKey key)
    {
        if (!_owners.TryGetValue(key, out var contactId))
        {
            return null;
        }

        contactId = Live(contactId);
        return new ContactRef(contactId, _userIds.GetValueOrDefault(contactId));
    }

    /// <summary>Remembers what a resolution decided, before the grain has committed it.</summary>
    public void Record(IdentityResolution resolution)
    {
        foreach (var loser in resolution.ContactsToMerge)
        {
            _mergedInto[loser] = resolution.ContactId;
        }

        foreach (var key in resolution.KeysToAssign)
        {
            _owners[key] = resolution.ContactId;
            _knownMissing.Remove(key);
            if (key.Kind == IdentityKind.UserId)
            {
                _userIds[resolution.ContactId] = key.Value;
            }
        }

        _userIds.TryAdd(resolution.ContactId, null);
    }

    private string Live(string contactId)
    {
        for (var hop = 0; hop < 16 && _mergedInto.TryGetValue(contactId, out var next); hop++)
        {
            contactId = next;
        }

        return contactId;
    }
}
