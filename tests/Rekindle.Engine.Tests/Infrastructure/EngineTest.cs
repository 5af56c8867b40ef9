using Microsoft.Extensions.Time.Testing;

namespace Rekindle.Engine.Tests.Infrastructure;

/// <summary>A test class with its own engine on a fresh database, a fake clock, and the given flows saved.</summary>
public abstract class EngineTest(DateTimeOffset start, string[] flows, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    private EngineDatabase? _database;
    private EngineHost? _engine;

    protected FakeTimeProvider Clock { get; } = new(start);

    protected EngineHost Engine => _engine ?? throw new InvalidOperationException("the engine has not started");

    public async Task InitializeAsync()
    {
        _database = await EngineDatabase.CreateAsync(Clock, flows);
        _engine = await EngineHost.StartAsync(_database, Clock, settings);
        await OnStartedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        _database?.Dispose();
    }

    /// <summary>Setup that needs the running engine (stores to fill, campaigns to save).</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;
}
