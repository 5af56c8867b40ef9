using System.Data.Common;
using Rekindle.Core.Flows;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Storage.Flows;

/// <summary>A flow as stored: the validated JSON document and its bookkeeping.</summary>
public sealed record StoredFlow(
    string Id, string Name, int Version, bool Enabled, string Definition, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What the grain needs to know about a contact's flows when it activates.</summary>
/// <param name="LastStarted">Per flow, the latest instance start (re-entry oncePer).</param>
/// <param name="Armed">Per flow, the contact's armed trigger timer (inactivity, date trait).</param>
public sealed record ContactFlows(
    IReadOnlyList<FlowInstance> Active,
    IReadOnlySet<string> EverRun,
    IReadOnlyDictionary<string, DateTimeOffset>? LastStarted = null,
    IReadOnlyDictionary<string, ArmedTrigger>? Armed = null);

/// <summary>A due wake-up of a waiting flow instance, or (with <paramref name="FlowId"/>) a due trigger timer of that flow.</summary>
public sealed record DueTimer(string Id, string ContactId, string InstanceId, DateTimeOffset DueAt, string? FlowId = null);

/// <summary>Flows, their instances, and the timers that wake them.</summary>
public sealed partial class FlowStore(RekindleDatabase database)
{
    private const string InstanceColumns =
        "id, flow_id, flow_version, contact_id, status, current_step, started_at, wake_at, trigger_message_id, updated_at, exit_reason, entry_key";

    public async Task<StoredFlow> SaveFlowAsync(string id, string name, string definition, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using (var cmd = database.Command(connection,
            "INSERT INTO flows (id, name, version, enabled, definition, created_at, updated_at) VALUES (@p0, @p1, 1, @p2, @p3, @p4, @p4) " +
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = flows.version + 1, definition = excluded.definition, " +
            "updated_at = excluded.updated_at",
            id, name, true, definition, now))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        return (await ReadFlowsAsync(connection, "WHERE id = @p0", ct, id)).Single();
    }

    public async Task<IReadOnlyList<StoredFlow>> ListFlowsAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await ReadFlowsAsync(connection, "ORDER BY id", ct);
    }

    /// <summary>A cheap fingerprint of the flows table, so other nodes notice a change and reload.</summary>
    public async Task<string> FlowsVersionAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT COUNT(*), COALESCE(SUM(version), 0) FROM flows");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return $"{r.GetInt64(0)}:{r.GetValue(1)}";
    }

    private async Task<IReadOnlyList<StoredFlow>> ReadFlowsAsync(DbConnection connection, string where, CancellationToken ct, params object?[] args)
    {
        await using var cmd = database.Command(connection,
            $"SELECT id, name, version, enabled, definition, created_at, updated_at FROM flows {where}", args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<StoredFlow>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new StoredFlow(r.GetString(0), r.GetString(1), r.GetInt32(2), Convert.ToBoolean(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                r.GetString(4), database.Dialect.ReadTime(r, 5), database.Dialect.ReadTime(r, 6)));
        }

        return list;
    }

    public static SqlStatement UpsertInstance(FlowInstance i, int flowVersion) => new(
        $"INSERT INTO flow_instances ({InstanceColumns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11) " +
        "ON CONFLICT (id) DO UPDATE SET contact_id = excluded.contact_id, status = excluded.status, " +
        "current_step = excluded.current_step, wake_at = excluded.wake_at, updated_at = excluded.updated_at, exit_reason = excluded.exit_reason",
        i.Id, i.FlowId, flowVersion, i.ContactId, StatusName(i.Status), i.CurrentStepId, i.StartedAt, i.WakeAt,
        i.TriggerMessageId, i.UpdatedAt, i.ExitReason, i.EntryKey);

    public static SqlStatement InsertTimer(string id, string contactId, string instanceId, DateTimeOffset dueAt) => new(
        "INSERT INTO timers (id, contact_id, instance_id, due_at) VALUES (@p0, @p1, @p2, @p3)", id, contactId, instanceId, dueAt);

    /// <summary>
    /// Deletes a timer only while it still belongs to <paramref name="contactId"/>: a merge may have moved it to
    /// the survivor after the timer loop read it, and the merged-away contact must not delete the survivor's.
    /// </summary>
    public static SqlStatement DeleteTimer(string id, string contactId) =>
        new("DELETE FROM timers WHERE id = @p0 AND contact_id = @p1", id, contactId);

    /// <summary>Drops the timers of an instance an event moved on (its timeout is moot), while it is this contact's.</summary>
    public static SqlStatement DeleteTimersOf(string instanceId, string contactId) =>
        new("DELETE FROM timers WHERE instance_id = @p0 AND contact_id = @p1", instanceId, contactId);

    /// <summary>The steps a run went through, appended to the instance's journey.</summary>
    public static IEnumerable<SqlStatement> InsertVisits(FlowInstance instance, IReadOnlyList<StepVisit> visits) => MultiRow.Insert(
        "INSERT INTO flow_visits (instance_id, flow_id, step_id, outcome, path, at, resumed) VALUES", 7, "",
        visits.Select(v => new object?[] { instance.Id, instance.FlowId, v.StepId, v.Outcome, v.Path, v.At, v.Resumed }).ToList());

    public static SqlStatement MoveTimers(string fromContactId, string toContactId) => new(
        "UPDATE timers SET contact_id = @p0 WHERE contact_id = @p1", toContactId, fromContactId);

    public async Task<ContactFlows> LoadForContactAsync(string contactId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var all = await ReadInstancesAsync(connection, "WHERE contact_id = @p0", ct, contactId);
        return new ContactFlows(
            all.Where(i => i.Status == FlowInstanceStatus.Active).ToList(),
            all.Select(i => i.FlowId).ToHashSet(StringComparer.Ordinal),
            all.GroupBy(i => i.FlowId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(i => i.StartedAt), StringComparer.Ordinal),
            await ArmedTriggersAsync(connection, contactId, ct));
    }

    public async Task<IReadOnlyList<FlowInstance>> InstancesAsync(string? flowId, string? contactId, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var where = (flowId, contactId) switch
        {
            (not null, not null) => "WHERE flow_id = @p0 AND contact_id = @p1",
            (not null, null) => "WHERE flow_id = @p0",
            (null, not null) => "WHERE contact_id = @p1",
            _ => "",
        };
        return await ReadInstancesAsync(connection, $"{where} ORDER BY started_at DESC LIMIT @p2", ct, flowId, contactId, limit);
    }

    /// <summary>Timers due at <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<DueTimer>> DueTimersAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            "SELECT id, contact_id, instance_id, due_at, kind, flow_id FROM timers WHERE due_at <= @p0 ORDER BY due_at LIMIT @p1", now, limit);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<DueTimer>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new DueTimer(r.GetString(0), r.GetString(1), r.GetString(2), database.Dialect.ReadTime(r, 3),
                r.GetString(4) == TriggerTimerKind && !r.IsDBNull(5) ? r.GetString(5) : null));
        }

        return list;
    }

    public async Task<int> CountTimersAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection, "SELECT COUNT(*) FROM timers");
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<FlowInstance>> ReadInstancesAsync(DbConnection connection, string tail, CancellationToken ct, params object?[] args)
    {
        await using var cmd = database.Command(connection, $"SELECT {InstanceColumns} FROM flow_instances {tail}", args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<FlowInstance>();
        var d = database.Dialect;
        while (await r.ReadAsync(ct))
        {
            list.Add(new FlowInstance
            {
                Id = r.GetString(0),
                FlowId = r.GetString(1),
                ContactId = r.GetString(3),
                Status = ParseStatus(r.GetString(4)),
                CurrentStepId = r.GetString(5),
                StartedAt = d.ReadTime(r, 6),
                WakeAt = d.ReadTimeOrNull(r, 7),
                TriggerMessageId = r.GetString(8),
                UpdatedAt = d.ReadTime(r, 9),
                ExitReason = r.IsDBNull(10) ? null : r.GetString(10),
                EntryKey = r.IsDBNull(11) ? null : r.GetString(11),
            });
        }

        return list;
    }

    private static string StatusName(FlowInstanceStatus s) => s switch
    {
        FlowInstanceStatus.Active => "active",
        FlowInstanceStatus.Completed => "completed",
        FlowInstanceStatus.Exited => "exited",
        FlowInstanceStatus.Converted => "converted",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, null),
    };

    private static FlowInstanceStatus ParseStatus(string s) => s switch
    {
        "active" => FlowInstanceStatus.Active,
        "completed" => FlowInstanceStatus.Completed,
        "exited" => FlowInstanceStatus.Exited,
        "converted" => FlowInstanceStatus.Converted,
        _ => throw new InvalidDataException($"flow_instances.status holds unknown status '{s}'"),
    };
}
