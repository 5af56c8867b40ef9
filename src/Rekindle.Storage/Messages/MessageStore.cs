using System.Data.Common;
using System.Text.Json;
using Rekindle.Core.Consent;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Storage.Messages;

/// <summary>
/// The outbox: a message row is written in the same transaction as the flow step that produced it
/// (a step that did not commit queued nothing; one that did is never run again), and dispatchers
/// deliver pending rows at least once.
/// </summary>
public sealed class MessageStore(RekindleDatabase database)
{
    private const string Columns =
        "id, contact_id, flow_id, instance_id, step_id, channel, recipient, subject, html, text, status, transport, " +
        "created_at, sent_at, attempts, last_error, links, kind, skip_reason, payload, next_attempt_at";

    public static SqlStatement Insert(OutboxMessage m) => new(
        $"INSERT INTO messages ({Columns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17, @p18, @p19, @p20)",
        m.Id, m.ContactId, m.FlowId, m.InstanceId, m.StepId, m.Channel, m.Recipient, m.Subject, m.Html, m.Text,
        StatusName(m.Status), m.Transport, m.CreatedAt, m.SentAt, m.Attempts, m.LastError, new JsonText(JsonSerializer.Serialize(m.Links)),
        KindName(m.Kind), m.SkipReason, m.Payload is null ? null : new JsonText(m.Payload), m.NextAttemptAt);

    public static SqlStatement MarkSent(string id, string transport, DateTimeOffset at) => new(
        "UPDATE messages SET status = 'sent', transport = @p0, sent_at = @p1, attempts = attempts + 1, last_error = NULL WHERE id = @p2",
        transport, at, id);

    /// <param name="retryAt">When to try again (null: as soon as the dispatcher comes round); ignored when giving up.</param>
    public static SqlStatement MarkAttemptFailed(string id, string error, bool giveUp, DateTimeOffset? retryAt = null) => new(
        "UPDATE messages SET status = @p0, attempts = attempts + 1, last_error = @p1, next_attempt_at = @p2 WHERE id = @p3",
        giveUp ? "failed" : "pending", error, giveUp ? null : retryAt, id);

    /// <summary>A pending message that must not go out after all (consent changed since it was planned).</summary>
    public static SqlStatement MarkSkipped(string id, string reason) => new(
        "UPDATE messages SET status = 'skipped', skip_reason = @p0 WHERE id = @p1 AND status = 'pending'", reason, id);

    /// <summary>The oldest pending messages that are due at <paramref name="now"/>: one waiting out a retry delay is not.</summary>
    public Task<IReadOnlyList<OutboxMessage>> PendingAsync(int limit, DateTimeOffset now, CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM messages WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @p1) " +
            "ORDER BY created_at, id LIMIT @p0", ct, limit, now);

    /// <summary>Messages waiting for delivery: the outbox depth.</summary>
    public async Task<long> CountPendingAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT COUNT(*) FROM messages WHERE status = 'pending'");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The newest emails that went out or are going (the dev mailbox); skipped ones never were mail, and other channels'
    /// messages (webhooks) are not mail at all.
    /// </summary>
    public Task<IReadOnlyList<OutboxMessage>> RecentAsync(int limit, CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM messages WHERE status <> 'skipped' AND channel = @p1 ORDER BY created_at DESC, id DESC LIMIT @p0", ct,
            limit, ConsentChannels.Email);

    /// <summary>The messages of some flow instances (a journey's sends and skips), oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ForInstancesAsync(IReadOnlyList<string> instanceIds, CancellationToken ct)
    {
        if (instanceIds.Count == 0)
        {
            return [];
        }

        var placeholders = string.Join(", ", instanceIds.Select((_, i) => "@p" + i));
        return await QueryAsync($"SELECT {Columns} FROM messages WHERE instance_id IN ({placeholders}) ORDER BY created_at, id", ct,
            [.. instanceIds]);
    }

    /// <summary>A contact's messages created at or after <paramref name="since"/>, oldest first: the history flow conditions read.</summary>
    public Task<IReadOnlyList<OutboxMessage>> ForContactSinceAsync(string contactId, DateTimeOffset since, CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM messages WHERE contact_id = @p0 AND created_at >= @p1 ORDER BY created_at, id", ct, contactId, since);

    public Task<IReadOnlyList<OutboxMessage>> ForContactAsync(string contactId, CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM messages WHERE contact_id = @p0 ORDER BY created_at DESC", ct, contactId);

    public async Task<OutboxMessage?> FindAsync(string id, CancellationToken ct) =>
        (await QueryAsync($"SELECT {Columns} FROM messages WHERE id = @p0", ct, id)).FirstOrDefault();

    private async Task<IReadOnlyList<OutboxMessage>> QueryAsync(string sql, CancellationToken ct, params object?[] args)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<OutboxMessage>();
        while (await r.ReadAsync(ct))
        {
            list.Add(Read(r));
        }

        return list;
    }

    private OutboxMessage Read(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        ContactId = r.GetString(1),
        FlowId = r.IsDBNull(2) ? null : r.GetString(2),
        InstanceId = r.IsDBNull(3) ? null : r.GetString(3),
        StepId = r.IsDBNull(4) ? null : r.GetString(4),
        Channel = r.GetString(5),
        Recipient = r.GetString(6),
        Subject = r.GetString(7),
        Html = r.GetString(8),
        Text = r.GetString(9),
        Status = r.GetString(10) switch
        {
            "sent" => MessageStatus.Sent,
            "failed" => MessageStatus.Failed,
            "skipped" => MessageStatus.Skipped,
            _ => MessageStatus.Pending,
        },
        Transport = r.IsDBNull(11) ? null : r.GetString(11),
        CreatedAt = database.Dialect.ReadTime(r, 12),
        SentAt = database.Dialect.ReadTimeOrNull(r, 13),
        Attempts = r.GetInt32(14),
        LastError = r.IsDBNull(15) ? null : r.GetString(15),
        Links = JsonSerializer.Deserialize<string[]>(r.GetString(16)) ?? [],
        Kind = r.GetString(17) == "transactional" ? MessageKind.Transactional : MessageKind.Marketing,
        SkipReason = r.IsDBNull(18) ? null : r.GetString(18),
        Payload = r.IsDBNull(19) ? null : r.GetString(19),
        NextAttemptAt = database.Dialect.ReadTimeOrNull(r, 20),
    };

    private static string StatusName(MessageStatus s) => s switch
    {
        MessageStatus.Sent => "sent",
        MessageStatus.Failed => "failed",
        MessageStatus.Skipped => "skipped",
        _ => "pending",
    };

    private static string KindName(MessageKind kind) => kind == MessageKind.Transactional ? "transactional" : "marketing";
}
