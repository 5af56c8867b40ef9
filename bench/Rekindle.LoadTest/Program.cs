using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Rekindle.Core.Events;
using Rekindle.LoadTest;
using Rekindle.Testing.Server;

// The macro benchmark of issue 2: events per second through POST /v1/batch into the embedded SQLite
// with the abandoned-cart flow active, latency from acceptance to the flow's reaction at a fixed rate,
// and the raw SQLite insert rate of the same rows as the physical reference. See BENCHMARKS.md.
if (args is ["import", var importFile])
{
    var importFolder = Path.Combine(Path.GetTempPath(), "rekindle-import-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(importFolder);
    try
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        return await ImportRun.RunAsync(importFile, importFolder);
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(importFolder, recursive: true);
    }
}

if (args is ["timers", .. var timerArgs])
{
    var contacts = timerArgs is ["--contacts", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 1_000_000;
    var timersFolder = Path.Combine(Path.GetTempPath(), "rekindle-timers-" + Guid.NewGuid().ToString("N"));
    try
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        var r = await TimersRun.RunAsync(contacts, timersFolder);
        Console.WriteLine();
        Console.WriteLine(new StringBuilder()
            .AppendLine("| measure | value |")
            .AppendLine("|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| contacts waiting in a flow (one timer each) | {r.Contacts:N0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| server resident memory while they wait | {r.IdleRssMb:N0} MB |")
            .AppendLine(CultureInfo.InvariantCulture, $"| timers falling due at once, processed (wake, complete, visit; one commit each) | {r.ProcessedPerSecond:N0} /s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| raw rate of the same row changes on a copy (reference) | {r.RawPerSecond:N0} /s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| ratio processed / raw | {r.ProcessedPerSecond / r.RawPerSecond:P0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| server peak resident memory (after waking every contact's grain) | {r.PeakRssMb:N0} MB |"));
        return 0;
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(timersFolder, recursive: true);
    }
}

var options = LoadOptions.Parse(args);
if (options is null)
{
    Console.WriteLine("""
        Usage: dotnet run -c Release --project bench/Rekindle.LoadTest -- [options]
               dotnet run -c Release --project bench/Rekindle.LoadTest -- import FILE   (an Online Retail order file through the import API)
               dotnet run -c Release --project bench/Rekindle.LoadTest -- timers [--contacts N]   (N contacts waiting, default 1,000,000)

          --shoppers N     shoppers in the throughput run, 4 events each (default 50000 = 200,000 events)
          --clients N      concurrent HTTP senders (default 8)
          --batch N        shoppers per /v1/batch request (default 25 = 100 events)
          --rate N         events/s of the latency run (default 5000)
          --seconds N      length of the latency run (default 20)
          --warmup N       seconds at the same rate before the latency run is measured (default 5)
          --help           this text
        """);
    return args.Contains("--help") ? 0 : 2;
}

var folder = Path.Combine(Path.GetTempPath(), "rekindle-load-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
    var throughput = await Runs.ThroughputAsync(options, Path.Combine(folder, "throughput"));
    var latency = await Runs.LatencyAsync(options, Path.Combine(folder, "latency"));
    var rows = Runs.ParseRows(options);
    var reference = await RawInsertReference.MeasureAsync(folder, rows);

    var report = new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"| measure | value |")
        .AppendLine("|---|---|")
        .AppendLine(CultureInfo.InvariantCulture, $"| events sent | {throughput.Events:N0} in batches of {options.Batch * ShopperTraffic.EventsPerShopper} by {options.Clients} clients |")
        .AppendLine(CultureInfo.InvariantCulture, $"| accepted (durable 2xx) | {throughput.AcceptedPerSecond:N0} events/s |")
        .AppendLine(CultureInfo.InvariantCulture, $"| sustained end to end (accepted and applied: profiles, flow instances, timers) | {throughput.AppliedPerSecond:N0} events/s |")
        .AppendLine(CultureInfo.InvariantCulture, $"| raw SQLite insert of the same rows (reference) | {reference:N0} rows/s |")
        .AppendLine(CultureInfo.InvariantCulture, $"| ratio sustained / raw insert | {throughput.AppliedPerSecond / reference:P0} |")
        .AppendLine(CultureInfo.InvariantCulture, $"| group commit: units per transaction | {throughput.UnitsPerCommit:N1} |")
        .AppendLine(CultureInfo.InvariantCulture, $"| latency run | {latency.Rate:N0} events/s offered for {options.Seconds} s, {latency.Samples:N0} cart events measured |")
        .AppendLine(CultureInfo.InvariantCulture, $"| acceptance → flow instance visible, p50 / p95 / p99 / max | {latency.P50:N1} / {latency.P95:N1} / {latency.P99:N1} / {latency.Max:N1} ms |");
    Console.WriteLine();
    Console.WriteLine(report);
    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}
