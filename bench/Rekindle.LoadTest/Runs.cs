using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rekindle.Core.Events;
using Rekindle.Testing.Server;

namespace Rekindle.LoadTest;

internal sealed record ThroughputResult(int Events, double AcceptedPerSecond, double AppliedPerSecond, double UnitsPerCommit);

internal sealed record LatencyResult(int Rate, int Samples, double P50, double P95, double P99, double Max);

internal static class Runs
{
    private const string FlowJson = """
        {"id":"abandoned-cart","name":"Abandoned cart","trigger":{"events":["Product Added","Checkout Started"]},
         "steps":[{"id":"wait","type":"wait","duration":"24h","next":"check"},
                  {"id":"check","type":"condition","condition":{"type":"eventNotOccurred","event":"Order Completed","since":"flowStart"},"then":"email","else":null},
                  {"id":"email","type":"sendEmail","subject":"{{ contact.first_name }}, your cart is waiting",
                   "html":"{% for item in cart.items %}<p>{{ item.name }} {{ item.price | money }}</p>{% endfor %}"}]}
        """;

    private static readonly DateTimeOffset EventTime = DateTimeOffset.UtcNow;

    public static async Task<ThroughputResult> ThroughputAsync(LoadOptions o, string folder)
    {
        await using var server = await StartServerAsync(folder);
        var bodies = Enumerable.Range(0, o.Shoppers / o.Batch)
            .Select(b => Encoding.UTF8.GetBytes(ShopperTraffic.Batch("t", b * o.Batch, o.Batch, EventTime))).ToArray();
        var events = bodies.Length * o.Batch * ShopperTraffic.EventsPerShopper;
        Console.WriteLine($"Throughput run: {events:N0} events in {bodies.Length:N0} batches, {o.Clients} clients");

        var next = -1;
        var watch = Stopwatch.StartNew();
        var sending = Progress.Start("sending", bodies.Length);
        var progress = Task.Run(async () =>
        {
            while (Volatile.Read(ref next) < bodies.Length - 1)
            {
                sending.Report(Math.Min(Volatile.Read(ref next) + 1, bodies.Length));
                await Task.Delay(200);
            }
        });
        await Task.WhenAll(Enumerable.Range(0, o.Clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                await PostAsync(server, bodies[i]);
            }
        })));
        var accepted = watch.Elapsed;
        await progress;
        sending.Done();

        JsonElement status;
        var applying = Progress.Start("applying", events);
        do
        {
            status = await server.AdminJsonAsync("/api/engine/status");
            var left = status.GetProperty("eventsUnprocessed").GetInt64();
            applying.Report(events - left);
        }
        while (status.GetProperty("eventsUnprocessed").GetInt64() > 0 && await Delay());
        var applied = watch.Elapsed;
        applying.Done();

        var timers = status.GetProperty("timersPending").GetInt32();
        if (timers != bodies.Length * o.Batch)
        {
            throw new InvalidOperationException($"expected one waiting abandoned-cart instance per shopper ({bodies.Length * o.Batch}), found {timers} timers");
        }

        return new ThroughputResult(events, events / accepted.TotalSeconds, events / applied.TotalSeconds,
            status.GetProperty("unitsCommitted").GetInt64() / (double)Math.Max(1, status.GetProperty("commits").GetInt64()));
    }

    public static async Task<LatencyResult> LatencyAsync(LoadOptions o, string folder)
    {
        await using var server = await StartServerAsync(folder);
        var eventsPerBatch = o.Batch * ShopperTraffic.EventsPerShopper;
        var batches = o.Rate * o.Seconds / eventsPerBatch;
        var interval = TimeSpan.FromSeconds(eventsPerBatch / (double)o.Rate);
        Console.WriteLine($"Latency run: {o.Rate:N0} events/s for {o.Seconds} s ({batches:N0} batches of {eventsPerBatch}, one every {interval.TotalMilliseconds:N1} ms), after {o.Warmup} s of warm-up");

        // Warm-up at the same rate, not measured: a server is measured running, not while its JIT compiles.
        await OfferAsync(server, "w", o.Batch, o.Warmup * o.Rate / eventsPerBatch, interval, null);

        var sentAt = new ConcurrentDictionary<string, long>();
        var seenAt = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var poller = Task.Run(() => PollInstancesAsync(Path.Combine(folder, "rekindle.db"), seenAt, stop.Token));

        await OfferAsync(server, "l", o.Batch, batches, interval, sentAt);
        var deadline = Stopwatch.StartNew();
        while (sentAt.Keys.Any(k => !seenAt.ContainsKey(k)) && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await poller;
        var latencies = sentAt.Select(kv => seenAt.TryGetValue(kv.Key, out var seen) ? Stopwatch.GetElapsedTime(kv.Value, seen).TotalMilliseconds : double.PositiveInfinity)
            .Order().ToArray();
        double Pct(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
        return new LatencyResult(o.Rate, latencies.Length, Pct(0.50), Pct(0.95), Pct(0.99), latencies[^1]);
    }

    /// <summary>Sends <paramref name="batches"/> batches at a fixed pace (open loop), noting when each cart event left.</summary>
    private static async Task OfferAsync(RekindleServerProcess server, string runId, int shoppersPerBatch, int batches, TimeSpan interval,
        ConcurrentDictionary<string, long>? sentAt)
    {
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>();
        var offering = Progress.Start(sentAt is null ? "warm-up" : "offering", batches);
        for (var b = 0; b < batches; b++)
        {
            var due = interval * b;
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var triggers = new List<string>(shoppersPerBatch);
            var body = Encoding.UTF8.GetBytes(ShopperTraffic.Batch(runId, b * shoppersPerBatch, shoppersPerBatch, EventTime, triggers));
            var start = Stopwatch.GetTimestamp();
            foreach (var t in triggers)
            {
                sentAt?.TryAdd(t, start);
            }

            sends.Add(PostAsync(server, body));
            offering.Report(b + 1);
        }

        offering.Done();

        await Task.WhenAll(sends);
    }

    /// <summary>The rows the throughput run stores, parsed exactly as the API parses them.</summary>
    public static IReadOnlyList<EventMessage> ParseRows(LoadOptions o)
    {
        var parser = new SegmentParser();
        var rows = new List<EventMessage>(o.Shoppers * ShopperTraffic.EventsPerShopper);
        for (var b = 0; b < o.Shoppers / o.Batch; b++)
        {
            var body = Encoding.UTF8.GetBytes(ShopperTraffic.Batch("r", b * o.Batch, o.Batch, EventTime));
            rows.AddRange(parser.ParseBatch(body, DateTimeOffset.UtcNow, () => Guid.NewGuid().ToString("N")).Accepted);
        }

        return rows;
    }

    private static async Task PollInstancesAsync(string dbPath, ConcurrentDictionary<string, long> seenAt, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly");
        await connection.OpenAsync(ct);
        long last = 0;
        while (!ct.IsCancellationRequested)
        {
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT rowid, trigger_message_id FROM flow_instances WHERE rowid > $last ORDER BY rowid";
                cmd.Parameters.AddWithValue("$last", last);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                var now = Stopwatch.GetTimestamp();
                while (await r.ReadAsync(ct))
                {
                    last = r.GetInt64(0);
                    seenAt.TryAdd(r.GetString(1), now);
                }
            }

            try
            {
                await Task.Delay(1, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public static async Task<RekindleServerProcess> StartServerAsync(string folder, bool withFlow = true)
    {
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["DataDirectory"] = folder,
            ["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(folder, "rekindle.db")}",
            ["Clock__Adjustable"] = "false",
        };
        // GC settings given to the harness pass on to the server, to compare collectors without editing code.
        foreach (var name in new[] { "DOTNET_gcServer", "DOTNET_GCgen0size", "DOTNET_gcConcurrent" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                settings[name] = value;
            }
        }

        var server = new RekindleServerProcess(settings);
        await server.StartAsync();
        if (withFlow)
        {
            using var response = await server.AdminAsync(HttpMethod.Post, "/api/flows", FlowJson);
            response.EnsureSuccessStatusCode();
        }

        return server;
    }

    private static async Task PostAsync(RekindleServerProcess server, byte[] body)
    {
        using var response = await server.PostSegmentAsync("/v1/batch", body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"batch refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }
}

internal static class Progress
{
    /// <summary>A bar on the console, or a plain line per tenth when the output goes to a file or a CI log.</summary>
    public static Rekindle.Cli.Common.ProgressReporter Start(string label, long total) =>
        Rekindle.Cli.Common.ProgressReporter.OnStandardOutput($"  {label,-9}", total, Rekindle.Cli.Common.ProgressReporter.Count);
}
