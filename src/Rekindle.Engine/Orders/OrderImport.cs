using System.Text;
using Rekindle.Core.Events;
using Rekindle.Core.Orders;
using Rekindle.Engine.Common;
using Rekindle.Engine.Ingestion;
using Rekindle.Storage.Database;
using Rekindle.Storage.Events;
using Rekindle.Storage.GroupCommit;

namespace Rekindle.Engine.Orders;

/// <summary>What an import did: the parser's counts plus what was new to this database.</summary>
public sealed record OrderImportResult(
    OrderImportSummary Parsed, long OrdersNew, long CustomersNew, IReadOnlyList<SkippedRow> FirstSkipped);

/// <summary>
/// Imports an order history file: each order becomes an Order Completed event stored through the
/// group-commit writer in chunks, and the engine applies them like live events (profile, orders table).
/// Counting what is new before storing makes the summary honest on a re-import: nothing new, nothing changed.
/// </summary>
public sealed class OrderImport(RekindleDatabase database, GroupCommitWriter writer, EngineSignals signals)
{
    private const int ChunkSize = 1_000;
    private const int SkippedRowsKept = 100;

    /// <summary>Imports from a seekable or forward-only stream; the caller owns it.</summary>
    public async Task<OrderImportResult> ImportAsync(
        Stream source, OrderCsvFormat format, DateTimeOffset now, Action<OrderImportProgress>? progress, CancellationToken ct)
    {
        var importer = new OrderCsvImporter(source, format, progress: progress);
        var chunk = new List<Order>(ChunkSize);
        var skipped = new List<SkippedRow>();
        var seenCustomers = new HashSet<string>(StringComparer.Ordinal);
        long ordersNew = 0, customersNew = 0;
        foreach (var item in importer.ReadAll())
        {
            switch (item)
            {
                case ImportedOrder imported:
                    chunk.Add(imported.Order);
                    break;
                case SkippedRow row when skipped.Count < SkippedRowsKept:
                    skipped.Add(row);
                    break;
            }

            if (chunk.Count == ChunkSize)
            {
                (var orders, var customers) = await StoreAsync(chunk, seenCustomers, now, ct);
                ordersNew += orders;
                customersNew += customers;
                chunk.Clear();
            }
        }

        (var lastOrders, var lastCustomers) = await StoreAsync(chunk, seenCustomers, now, ct);
        return new OrderImportResult(importer.Summary, ordersNew + lastOrders, customersNew + lastCustomers, skipped);
    }

    private async Task<(long Orders, long Customers)> StoreAsync(
        List<Order> orders, HashSet<string> seenCustomers, DateTimeOffset now, CancellationToken ct)
    {
        if (orders.Count == 0)
        {
            return (0, 0);
        }

        var events = orders.Select(o => ImportedOrders.ToEvent(o, now)).ToList();
        var known = await ExistingAsync("SELECT message_id FROM events WHERE message_id", events.Select(e => e.MessageId).ToList(), ct);
        var fresh = events.Where(e => !known.Contains(e.MessageId)).ToList();
        var candidates = fresh.Select(e => e.UserId!).Where(seenCustomers.Add).ToList();
        var knownCustomers = await ExistingAsync(
            $"SELECT value FROM identities WHERE kind = '{IdentityDirectory.KindName(Core.Contacts.IdentityKind.UserId)}' AND value", candidates, ct);
        if (fresh.Count > 0)
        {
            await writer.WriteAsync([.. EventStore.Insert(fresh)], ct);
            signals.EventsStored.Set();
        }

        return (fresh.Count, candidates.Count(c => !knownCustomers.Contains(c)));
    }

    /// <summary>Which of <paramref name="keys"/> the query (ending in "column") already finds.</summary>
    private async Task<HashSet<string>> ExistingAsync(string head, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        await using var connection = await database.OpenAsync(ct);
        foreach (var part in keys.Chunk(500))
        {
            var sql = new StringBuilder(head).Append(" IN (");
            for (var i = 0; i < part.Length; i++)
            {
                sql.Append(i == 0 ? "@p" : ", @p").Append(i);
            }

            await using var cmd = database.Command(connection, sql.Append(')').ToString(), part);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                found.Add(r.GetString(0));
            }
        }

        return found;
    }
}
