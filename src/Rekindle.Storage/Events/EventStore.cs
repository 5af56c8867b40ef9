using System.Data.Common;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Intelligence.SendTime;
using Rekindle.Core.Tracking;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Storage.Events;

/// <summary>
/// The events table is both the timeline and the ingestion queue: the API inserts rows with no
/// contact, and the engine assigns the contact when it has applied the event (in the same
/// transaction as the contact's new state), so "unprocessed" is simply "contact_id IS NULL".
/// </summary>
public sealed class EventStore(RekindleDatabase database)
{
    private const string Columns =
        "seq, message_id, type, event, name, user_id, anonymous_id, previous_id, group_id, occurred_at, received_at, " +
        "original_timestamp, sent_at, properties, traits, context";

    private const string InsertHead =
        "INSERT INTO events (message_id, type, event, name, user_id, anonymous_id, previous_id, group_id, occurred_at, " +
        "received_at, original_timestamp, sent_at, properties, traits, context) VALUES";

    private const int InsertColumns = 15;

    /// <summary>Insert statements for accepted messages; a repeated messageId is silently ignored (de-duplication).</summary>
    public static IEnumerable<SqlStatement> Insert(IReadOnlyList<EventMessage> messages) =>
        MultiRow.Insert(InsertHead, InsertColumns, "ON CONFLICT (message_id) DO NOTHING", messages.Select(Row).ToList());

    public static SqlStatement Insert(EventMessage message) => Insert([message]).Single();

    private static object?[] Row(EventMessage m) =>
    [
        m.MessageId, TypeName(m.Type), m.Event, m.Name, m.UserId, m.AnonymousId, m.PreviousId, m.GroupId,
        m.Timestamp, m.ReceivedAt, m.OriginalTimestamp, m.SentAt,
        new JsonText(m.Properties), new JsonText(m.Traits), new JsonText(m.Context),
    ];

    /// <summary>Marks events as applied to <paramref name="contactId"/>, which also takes them out of the queue.</summary>
    public static IEnumerable<SqlStatement> AssignContact(IReadOnlyList<long> seqs, string contactId) =>
        MultiRow.WhereIn("UPDATE events SET contact_id = @p0 WHERE seq", contactId, seqs.Select(s => (object)s).ToList());

    /// <summary>A merge keeps every event: the loser's timeline becomes the survivor's.</summary>
    public static SqlStatement MoveEvents(string fromContactId, string toContactId) =>
        new("UPDATE events SET contact_id = @p0 WHERE contact_id = @p1", toContactId, fromContactId);

    /// <summary>The oldest events not yet applied to a contact, after <paramref name="afterSeq"/>.</summary>
    public async Task<IReadOnlyList<EventMessage>> ReadUnprocessedAsync(long afterSeq, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            $"SELECT {Columns} FROM events WHERE contact_id IS NULL AND seq > @p0 ORDER BY seq LIMIT @p1", afterSeq, limit);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>
    /// A contact's track events of some names since <paramref name="since"/> (all of them when null), oldest first: the
    /// history flow conditions count and sum over.
    /// </summary>
    public async Task<IReadOnlyList<EventMessage>> HistoryAsync(string contactId, IReadOnlyCollection<string> names, DateTimeOffset? since, CancellationToken ct)
    {
        if (names.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(ct);
        var placeholders = string.Join(", ", names.Select((_, i) => "@p" + (i + 2)));
        await using var cmd = database.Command(connection,
            $"SELECT {Columns} FROM events WHERE contact_id = @p0 AND occurred_at >= @p1 AND type = 'track' AND event IN ({placeholders}) " +
            "ORDER BY occurred_at, seq", [contactId, since ?? DateTimeOffset.UnixEpoch, .. names]);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>A contact's timeline, newest first.</summary>
    public async Task<IReadOnlyList<EventMessage>> TimelineAsync(string contactId, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            $"SELECT {Columns} FROM events WHERE contact_id = @p0 ORDER BY occurred_at DESC, seq DESC LIMIT @p1", contactId, limit);
        return await ReadAsync(cmd, ct);
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT COUNT(*) FROM events");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The engagements of <paramref name="kinds"/> since <paramref name="since"/>, newest first: of one contact, or
    /// of the whole shop when <paramref name="contactId"/> is null. Only what the shopper did counts — page and
    /// screen views, Order Completed (imported orders too: they keep the time they were placed) and the email
    /// events; Rekindle's own batch events (RFM Segment Changed, Churn Risk Changed, …) happen when a job scores,
    /// not when the shopper was there, and are never among them.
    /// </summary>
    public async Task<IReadOnlyList<Engagement>> EngagementsAsync(string? contactId, IReadOnlyCollection<EngagementKind> kinds, DateTimeOffset since,
        int limit, CancellationToken ct)
    {
        var visits = kinds.Contains(EngagementKind.Visit);
        var names = kinds.Select(EventNameOf).OfType<string>().ToList();
        if (!visits && names.Count == 0)
        {
            return [];
        }

        // @p3… are the track event names; @p2 the contact (unused for the whole shop).
        var conditions = new List<string>();
        if (visits)
        {
            conditions.Add("type IN ('page', 'screen')");
        }

        if (names.Count > 0)
        {
            conditions.Add($"(type = 'track' AND event IN ({string.Join(", ", names.Select((_, i) => "@p" + (i + 3)))}))");
        }

        var filter = contactId is null ? "contact_id IS NOT NULL" : "contact_id = @p2";
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            $"SELECT contact_id, occurred_at, type, event FROM events WHERE {filter} AND occurred_at >= @p0 " +
            $"AND ({string.Join(" OR ", conditions)}) ORDER BY occurred_at DESC LIMIT @p1",
            [since, limit, contactId, .. names]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<Engagement>();
        while (await r.ReadAsync(ct))
        {
            var kind = r.GetString(2) == "track" ? KindOf(r.GetString(3)) : EngagementKind.Visit;
            list.Add(new Engagement(r.GetString(0), database.Dialect.ReadTime(r, 1), kind));
        }

        return list;
    }

    private static string? EventNameOf(EngagementKind kind) => kind switch
    {
        EngagementKind.Purchase => CommerceEvents.OrderCompleted,
        EngagementKind.EmailOpen => EmailEvents.Opened,
        EngagementKind.EmailClick => EmailEvents.LinkClicked,
        _ => null,
    };

    private static EngagementKind KindOf(string eventName) => eventName switch
    {
        CommerceEvents.OrderCompleted => EngagementKind.Purchase,
        EmailEvents.Opened => EngagementKind.EmailOpen,
        EmailEvents.LinkClicked => EngagementKind.EmailClick,
        _ => throw new InvalidDataException($"'{eventName}' is not an engagement event"),
    };

    /// <summary>Events stored but not yet applied to a contact: the engine's backlog.</summary>
    public async Task<long> CountUnprocessedAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT COUNT(*) FROM events WHERE contact_id IS NULL");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<EventMessage>> ReadAsync(DbCommand cmd, CancellationToken ct)
    {
        var dialect = database.Dialect;
        var list = new List<EventMessage>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new EventMessage
            {
                Seq = r.GetInt64(0),
                MessageId = r.GetString(1),
                Type = ParseType(r.GetString(2)),
                Event = NullableString(r, 3),
                Name = NullableString(r, 4),
                UserId = NullableString(r, 5),
                AnonymousId = NullableString(r, 6),
                PreviousId = NullableString(r, 7),
                GroupId = NullableString(r, 8),
                Timestamp = dialect.ReadTime(r, 9),
                ReceivedAt = dialect.ReadTime(r, 10),
                OriginalTimestamp = dialect.ReadTimeOrNull(r, 11),
                SentAt = dialect.ReadTimeOrNull(r, 12),
                Properties = r.GetString(13),
                Traits = r.GetString(14),
                Context = r.GetString(15),
            });
        }

        return list;
    }

    private static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static string TypeName(MessageType type) => type switch
    {
        MessageType.Track => "track",
        MessageType.Identify => "identify",
        MessageType.Page => "page",
        MessageType.Screen => "screen",
        MessageType.Alias => "alias",
        MessageType.Group => "group",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static MessageType ParseType(string name) => name switch
    {
        "track" => MessageType.Track,
        "identify" => MessageType.Identify,
        "page" => MessageType.Page,
        "screen" => MessageType.Screen,
        "alias" => MessageType.Alias,
        "group" => MessageType.Group,
        _ => throw new InvalidDataException($"events.type holds unknown message type '{name}'"),
    };
}
