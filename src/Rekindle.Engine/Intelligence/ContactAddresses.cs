using Rekindle.Core.Events;
using Rekindle.Engine.Common;
using Rekindle.Storage.Database;
using Rekindle.Storage.Events;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Engine.Intelligence;

/// <summary>
/// How a batch job addresses an event to a contact: by one of the contact's own identities (a userId if it has
/// one, else an anonymousId), so the ingestion pump delivers it to that contact's grain like any other event.
/// </summary>
public static class ContactAddresses
{
    private const int ChunkSize = 2_000;

    /// <summary>
    /// Stores one event per change, addressed to its contact, and nudges the ingestion pump. Contacts with no
    /// userId or anonymousId left (merged away since) get none: their successor is scored in the same run.
    /// </summary>
    public static async Task SendAsync<TChange>(
        RekindleDatabase database, GroupCommitWriter writer, EngineSignals signals, IReadOnlyList<TChange> changes,
        Func<TChange, string> contactOf, Func<TChange, (string Kind, string Value), EventMessage> eventOf, CancellationToken ct)
    {
        foreach (var chunk in changes.Chunk(ChunkSize))
        {
            var addresses = await FindAsync(database, chunk.Select(contactOf).ToList(), ct);
            var events = chunk.Where(c => addresses.ContainsKey(contactOf(c))).Select(c => eventOf(c, addresses[contactOf(c)])).ToList();
            await writer.WriteAsync([.. EventStore.Insert(events)], ct);
        }

        signals.EventsStored.Set();
    }

    /// <summary>A track event of a batch job (<paramref name="source"/>) for the contact at <paramref name="address"/>.</summary>
    public static EventMessage Track((string Kind, string Value) address, string source, string name, string messageId,
        DateTimeOffset now, string properties) => new()
    {
        MessageId = messageId,
        Type = MessageType.Track,
        Event = name,
        UserId = address.Kind == "user_id" ? address.Value : null,
        AnonymousId = address.Kind == "anonymous_id" ? address.Value : null,
        Timestamp = now,
        ReceivedAt = now,
        Properties = properties,
        Context = $$$"""{"rekindle":{"source":"{{{source}}}"}}""",
    };

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
