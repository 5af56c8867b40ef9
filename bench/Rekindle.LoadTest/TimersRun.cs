using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Rekindle.Core.Contacts;
using Rekindle.Core.Flows;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Database;
using Rekindle.Storage.Flows;
using Rekindle.Testing.Server;

namespace Rekindle.LoadTest;

internal sealed record TimersResult(int Contacts, double SeedSeconds, long IdleRssMb, long PeakRssMb, double ProcessedPerSecond, double RawPerSecond);

/// <summary>
/// Issue 9's timer figures: N contacts each waiting in a flow (rows written straight into the database, as N journeys
/// started earlier would have left them), the server's resident memory while they wait, and the rate at which the N
/// timers, all falling due at once, are processed — each wake-up deletes its timer, completes its instance and records
/// the visit in one commit — beside the raw rate of the same row changes done directly on a copy of the database.
/// </summary>
internal static class TimersRun
{
    private const string FlowJson = """
        {"id":"waiting","name":"Everyone waits a day","trigger":{"events":["Signed Up"]},
         "steps":[{"id":"wait","type":"wait","duration":"1d"}]}
        """;

    private const int RowsPerTransaction = 10_000;

    public static async Task<TimersResult> RunAsync(int contacts, string folder)
    {
        Directory.CreateDirectory(folder);
        var dbPath = Path.Combine(folder, "rekindle.db");
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["DataDirectory"] = folder,
            ["ConnectionStrings__Sqlite"] = $"Data Source={dbPath}",
            ["Clock__Adjustable"] = "true",
        };

        // The schema and the flow, as the server makes them; then the server stops while the rows go in.
        DateTimeOffset now;
        await using (var first = new RekindleServerProcess(settings))
        {
            await first.StartAsync();
            using var saved = await first.AdminAsync(HttpMethod.Post, "/api/flows", FlowJson);
            saved.EnsureSuccessStatusCode();
            now = (await first.AdminJsonAsync("/api/dev/clock")).GetProperty("now").GetDateTimeOffset();
        }

        var watch = Stopwatch.StartNew();
        await SeedAsync(dbPath, contacts, now);
        var seedSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"Seeded {contacts:N0} waiting contacts in {seedSeconds:N0} s");
        var raw = await RawReferenceAsync(dbPath, Path.Combine(folder, "reference.db"), contacts, now);

        await using var server = new RekindleServerProcess(settings);
        await server.StartAsync(TimeSpan.FromMinutes(5));
        var status = await server.AdminJsonAsync("/api/engine/status");
        if (status.GetProperty("timersPending").GetInt32() != contacts)
        {
            throw new InvalidOperationException($"expected {contacts} timers, the server sees {status.GetProperty("timersPending").GetInt32()}");
        }

        var pid = server.ProcessId ?? throw new InvalidOperationException("the server is not running");
        await Task.Delay(TimeSpan.FromSeconds(5));   // let the start settle before reading memory
        var idle = Memory(pid).Rss;

        await server.AdvanceClockAsync(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        watch.Restart();
        var waking = Progress.Start("waking", contacts);
        long left;
        do
        {
            await Task.Delay(500);
            left = (await server.AdminJsonAsync("/api/engine/status")).GetProperty("timersPending").GetInt32();
            waking.Report(contacts - left);
        }
        while (left > 0);

        var seconds = watch.Elapsed.TotalSeconds;
        waking.Done();
        var peak = Memory(pid).Peak;
        return new TimersResult(contacts, seedSeconds, idle, peak, contacts / seconds, raw);
    }

    /// <summary>Contacts with an email and a profile, each with an active instance at the wait and its timer due in a day.</summary>
    private static async Task SeedAsync(string dbPath, int contacts, DateTimeOffset now)
    {
        await using var connection = new SqliteConnection($"Data Source={dbPath}");
        await connection.OpenAsync();
        var dialect = new SqliteDialect();
        var due = now.AddDays(1);
        var progress = Progress.Start("seeding", contacts);
        for (var start = 0; start < contacts; start += RowsPerTransaction)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            for (var i = start; i < Math.Min(contacts, start + RowsPerTransaction); i++)
            {
                var id = "c" + i.ToString("D7", CultureInfo.InvariantCulture);
                var profile = new ContactProfile { Id = id, CreatedAt = now, Email = id + "@example.com", LastEventAt = LastEvent(now) };
                var instance = new FlowInstance
                {
                    Id = "i" + id, FlowId = "waiting", ContactId = id, Status = FlowInstanceStatus.Active, CurrentStepId = "wait",
                    StartedAt = now, WakeAt = due, TriggerMessageId = "m" + id, UpdatedAt = now,
                };
                foreach (var statement in (IEnumerable<Rekindle.Storage.GroupCommit.SqlStatement>)[ContactStore.Upsert(profile, now),
                    .. ContactStore.AssignIdentities([("email", profile.Email!)], id), FlowStore.UpsertInstance(instance, 1),
                    FlowStore.InsertTimer("t" + id, id, instance.Id, due)])
                {
                    await ExecAsync(connection, tx, dialect, statement.Sql, statement.Args);
                }
            }

            await tx.CommitAsync();
            progress.Report(Math.Min(contacts, start + RowsPerTransaction));
        }

        progress.Done();
    }

    /// <summary>
    /// The ceiling: on a copy of the seeded database, the row changes of every wake-up (timer deleted, instance completed,
    /// visit recorded) straight through one connection, 10,000 per transaction — no engine, no grains, no HTTP.
    /// </summary>
    private static async Task<double> RawReferenceAsync(string dbPath, string copyPath, int contacts, DateTimeOffset now)
    {
        SqliteConnection.ClearAllPools();
        File.Copy(dbPath, copyPath, overwrite: true);
        await using var connection = new SqliteConnection($"Data Source={copyPath}");
        await connection.OpenAsync();
        var dialect = new SqliteDialect();
        var at = now.AddDays(1);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < contacts; start += RowsPerTransaction)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            for (var i = start; i < Math.Min(contacts, start + RowsPerTransaction); i++)
            {
                var id = "c" + i.ToString("D7", CultureInfo.InvariantCulture);
                await ExecAsync(connection, tx, dialect, "DELETE FROM timers WHERE id = @p0 AND contact_id = @p1", "t" + id, id);
                await ExecAsync(connection, tx, dialect,
                    "UPDATE flow_instances SET status = 'completed', wake_at = NULL, updated_at = @p0 WHERE id = @p1", at, "i" + id);
                await ExecAsync(connection, tx, dialect,
                    "INSERT INTO flow_visits (instance_id, flow_id, step_id, outcome, path, at, resumed) VALUES (@p0, 'waiting', 'wait', 'completed', NULL, @p1, 1)",
                    "i" + id, at);
            }

            await tx.CommitAsync();
        }

        var rate = contacts / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"Raw reference: {rate:N0} wake-ups' rows/s");
        return rate;
    }

    private static async Task ExecAsync(SqliteConnection connection, SqliteTransaction tx, SqlDialect dialect, string sql, params object?[] args)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (var p = 0; p < args.Length; p++)
        {
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = "@p" + p.ToString(CultureInfo.InvariantCulture);
            dialect.SetValue(parameter, args[p]);
            cmd.Parameters.Add(parameter);
        }

        await cmd.ExecuteNonQueryAsync();
    }

    private static System.Collections.Immutable.ImmutableSortedDictionary<string, DateTimeOffset> LastEvent(DateTimeOffset at) =>
        System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, DateTimeOffset>("Signed Up", at)]);

    /// <summary>Resident and peak resident memory of a process, in MB (/proc/{pid}/status VmRSS, VmHWM).</summary>
    private static (long Rss, long Peak) Memory(int pid)
    {
        long Read(string key) => File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(key, StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).First();
        return (Read("VmRSS:"), Read("VmHWM:"));
    }
}
