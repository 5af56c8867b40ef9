using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Rekindle.Core.Events;
using Rekindle.Engine.Common;
using Rekindle.Engine.Flows;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Events;
using Rekindle.Storage.Flows;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Messages;
using Rekindle.Testing.Server;

namespace Rekindle.Engine.Tests.Infrastructure;

/// <summary>
/// The whole engine in this process, as the server wires it (<see cref="EngineExtensions.AddRekindleEngine"/>):
/// an Orleans silo on free loopback ports, the ingestion, timer and outbox loops, on a test database and a
/// <see cref="FakeTimeProvider"/> as Rekindle's clock. Time only moves when the test says so; the helpers
/// wait for the engine by polling the database, never for a fixed time.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan EagerPolling = TimeSpan.FromMilliseconds(5);

    private readonly IHost _host;
    private readonly RecordingLoggerProvider _log;
    private bool _stopped;

    private EngineHost(IHost host, RecordingLoggerProvider log, FakeTimeProvider clock)
    {
        _host = host;
        _log = log;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _host.Services;

    public EventStore Events => Get<EventStore>();

    public FlowStore Flows => Get<FlowStore>();

    public ContactStore Contacts => Get<ContactStore>();

    public MessageStore Messages => Get<MessageStore>();

    public EngineSignals Signals => Get<EngineSignals>();

    /// <summary>Builds the host; <paramref name="beforeStart"/> runs before the loops and the silo start.</summary>
    public static async Task<EngineHost> StartAsync(
        EngineDatabase database,
        FakeTimeProvider clock,
        IReadOnlyDictionary<string, string?>? settings = null,
        Func<EngineHost, Task>? beforeStart = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var config = new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = "engine-test-" + Guid.NewGuid().ToString("N"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        var log = new RecordingLoggerProvider();
        builder.Logging.AddProvider(log);
        builder.AddRekindleEngine(database.Options, clock);

        var host = new EngineHost(builder.Build(), log, clock);
        try
        {
            // What the server does before it listens (PrepareRekindleAsync): the tracking key, the flows loaded once.
            await host.Get<Tracking.EmailTracking>().InitializeAsync(CancellationToken.None);
            await host.Get<FlowCatalog>().RefreshAsync(CancellationToken.None);
            if (beforeStart is not null)
            {
                await beforeStart(host);
            }

            await host._host.StartAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Stores events as the ingestion API does (durable first), optionally without the nudge.</summary>
    public async Task StoreAsync(IReadOnlyList<EventMessage> messages, bool nudge = true)
    {
        await Get<GroupCommitWriter>().WriteAsync(EventStore.Insert(messages).ToList());
        if (nudge)
        {
            Signals.EventsStored.Set();
        }
    }

    /// <summary>Stores events and waits until the engine has applied every stored event.</summary>
    public async Task ApplyAsync(params EventMessage[] messages)
    {
        await StoreAsync(messages);
        await WaitUntilAppliedAsync();
    }

    public Task WaitUntilAppliedAsync() =>
        WaitUntilAsync(async () => await Events.CountUnprocessedAsync(CancellationToken.None) == 0, "every stored event to be applied");

    /// <summary>
    /// Moves the fake clock and tells the timer loop and the dispatcher. A loop that started its fake-clock wait just
    /// after the move would otherwise sleep until the clock moves again: a retry that fell due would never go out.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        Signals.TimersChanged.Set();
        Signals.MessagesQueued.Set();
    }

    /// <summary>Polls <paramref name="condition"/> (readiness, not a fixed sleep) until it holds.</summary>
    /// <remarks>
    /// The engine answers in about a millisecond, less than one timer tick, so the first few milliseconds
    /// re-check as soon as the thread pool lets us; only a longer wait backs off to real delays.
    /// </remarks>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(1);
        while (!await condition())
        {
            if (watch.Elapsed > Patience)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {Patience.TotalSeconds} s.{_log.Describe()}");
            }

            if (watch.Elapsed < EagerPolling)
            {
                await Task.Yield();
                continue;
            }

            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 20));
        }
    }

    /// <summary>Warnings and errors the engine logged (a failed round, a failed delivery).</summary>
    public IReadOnlyList<string> Problems => _log.Entries;

    /// <summary>Stops the loops and the silo, as a shutdown of the server would.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (_host is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
            else
            {
                _host.Dispose();
            }
        }
    }
}
