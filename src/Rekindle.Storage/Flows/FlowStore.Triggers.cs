using System.Data.Common;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Storage.Flows;

/// <summary>A contact's armed trigger timer for one flow (inactivity, date trait).</summary>
public sealed record ArmedTrigger(string TimerId, DateTimeOffset DueAt);

/// <summary>How far the one-off arming of a timed trigger over existing contacts got.</summary>
public sealed record TriggerBackfill(string FlowId, string? AfterContact, int Armed, bool Done);

/// <summary>Trigger timers (timers rows of kind 'trigger', migration 0012) and their backfill progress.</summary>
public sealed partial class FlowStore
{
    /// <summary>timers.kind of a timed trigger's timer; every other row is a wake-up of an instance.</summary>
    public const string TriggerTimerKind = "trigger";

    public static SqlStatement InsertTriggerTimer(string id, string contactId, string flowId, DateTimeOffset dueAt) => new(
        "INSERT INTO timers (id, contact_id, instance_id, due_at, kind, flow_id) VALUES (@p0, @p1, '', @p2, @p3, @p4)",
        id, contactId, dueAt, TriggerTimerKind, flowId);

    /// <summary>Timers of any kind due at <paramref name="now"/>: the timer loop's backlog.</summary>
    public async Task<int> CountDueTimersAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT COUNT(*) FROM timers WHERE due_at <= @p0", now);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyDictionary<string, ArmedTrigger>> ArmedTriggersAsync(DbConnection connection, string contactId, CancellationToken ct)
    {
        await using var cmd = database.Command(connection,
            "SELECT id, flow_id, due_at FROM timers WHERE contact_id = @p0 AND kind = @p1 ORDER BY due_at", contactId, TriggerTimerKind);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var armed = new Dictionary<string, ArmedTrigger>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            // Two for one flow only after a merge moved the other contact's; the earliest is kept in mind, and the
            // other is dropped when it fires (see ContactUpdate.FireTrigger).
            armed.TryAdd(r.GetString(1), new ArmedTrigger(r.GetString(0), database.Dialect.ReadTime(r, 2)));
        }

        return armed;
    }

    public async Task<TriggerBackfill> BackfillAsync(string flowId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            "SELECT after_contact, armed, done_at FROM trigger_backfills WHERE flow_id = @p0", flowId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new TriggerBackfill(flowId, r.IsDBNull(0) ? null : r.GetString(0), r.GetInt32(1), !r.IsDBNull(2))
            : new TriggerBackfill(flowId, null, 0, false);
    }

    /// <summary>Up to <paramref name="limit"/> contact ids (not merged away) after <paramref name="afterContact"/>, in id order.</summary>
    public async Task<IReadOnlyList<string>> ContactIdsAfterAsync(string? afterContact, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            "SELECT id FROM contacts WHERE id > @p0 AND merged_into IS NULL ORDER BY id LIMIT @p1", afterContact ?? "", limit);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<string>();
        while (await r.ReadAsync(ct))
        {
            ids.Add(r.GetString(0));
        }

        return ids;
    }

    public static SqlStatement SaveBackfill(TriggerBackfill progress, DateTimeOffset now) => new(
        "INSERT INTO trigger_backfills (flow_id, after_contact, armed, done_at) VALUES (@p0, @p1, @p2, @p3) " +
        "ON CONFLICT (flow_id) DO UPDATE SET after_contact = excluded.after_contact, armed = excluded.armed, done_at = excluded.done_at",
        progress.FlowId, progress.AfterContact, progress.Armed, progress.Done ? now : null);
}
