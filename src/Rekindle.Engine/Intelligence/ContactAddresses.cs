using Rekindle.Storage.Database;

namespace Rekindle.Engine.Intelligence;

/// <summary>
/// How a batch job addresses an event to a contact: by one of the contact's own identities (a userId if it has
/// one, else an anonymousId), so the ingestion pump delivers it to that contact's grain like any other event.
/// </summary>
public static class ContactAddresses
{
    public static async Task<Dictionary<string, (string Kind, string Value)>> FindAsync(
        RekindleDatabase database, IReadOnlyList<string> contactIds, CancellationToken ct)
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
                // 'user_id' sorts after 'anonymous_id', so descending order puts a userId first.
                found.TryAdd(r.GetString(0), (r.GetString(1), r.GetString(2)));
            }
        }

        return found;
    }
}
