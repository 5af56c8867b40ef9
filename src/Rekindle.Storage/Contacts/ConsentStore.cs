using System.Data.Common;
using System.Text.Json;
using Rekindle.Core.Consent;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Storage.Contacts;

/// <summary>One row of a contact's consent audit trail.</summary>
/// <param name="RecordedAt">When Rekindle applied the event (engine time), as opposed to the change's event time.</param>
public sealed record StoredConsentChange(long Seq, string ContactId, ConsentChange Change, DateTimeOffset RecordedAt);

/// <summary>
/// The consent audit trail (consent_changes): every change a contact's consent was asked to make, applied, superseded
/// or blocked. Rows are written by the contact grain in the transaction that changes the profile.
/// </summary>
public sealed class ConsentStore(RekindleDatabase database)
{
    private const string Columns =
        "contact_id, channel, occurred_at, recorded_at, source_kind, source, message_id, previous_state, new_state, outcome";

    public static IEnumerable<SqlStatement> Insert(string contactId, IReadOnlyList<ConsentChange> changes, DateTimeOffset recordedAt) =>
        MultiRow.Insert($"INSERT INTO consent_changes ({Columns}) VALUES", 10, "",
            changes.Select(c => new object?[]
            {
                contactId, c.Channel, c.At, recordedAt, Name(c.Source.Kind), c.Source.Name, c.MessageId,
                Name(c.Previous), Name(c.Requested), Name(c.Outcome),
            }).ToList());

    /// <summary>A merged contact's trail goes with it to the survivor, whose consent it may now explain.</summary>
    public static SqlStatement MoveHistory(string fromContactId, string toContactId) => new(
        "UPDATE consent_changes SET contact_id = @p0 WHERE contact_id = @p1", toContactId, fromContactId);

    /// <summary>The contact's trail, newest change (by event time) first.</summary>
    public async Task<IReadOnlyList<StoredConsentChange>> HistoryAsync(string contactId, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var cmd = database.Command(connection,
            $"SELECT seq, {Columns} FROM consent_changes WHERE contact_id = @p0 ORDER BY occurred_at DESC, seq DESC LIMIT @p1",
            contactId, limit);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<StoredConsentChange>();
        while (await r.ReadAsync(ct))
        {
            list.Add(Read(r));
        }

        return list;
    }

    /// <summary>How states, outcomes and source kinds are written: camelCase, as the API shows them.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private StoredConsentChange Read(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        new ConsentChange(
            r.GetString(2),
            database.Dialect.ReadTime(r, 3),
            new ConsentSource(Enum.Parse<ConsentSourceKind>(r.GetString(5), ignoreCase: true), r.GetString(6)),
            r.IsDBNull(7) ? null : r.GetString(7),
            Enum.Parse<ConsentState>(r.GetString(8), ignoreCase: true),
            Enum.Parse<ConsentState>(r.GetString(9), ignoreCase: true),
            Enum.Parse<ConsentOutcome>(r.GetString(10), ignoreCase: true)),
        database.Dialect.ReadTime(r, 4));
}
