using Microsoft.Extensions.Time.Testing;
using Rekindle.Core.Flows;
using Rekindle.Engine.Contacts;
using Rekindle.Engine.Tests.Infrastructure;
using Rekindle.Storage.Flows;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Timers;

/// <summary>
/// Wake-ups that arrive at the wrong moment: before the wait ends (another node whose clock runs ahead
/// claimed the timer) or after the journey already moved on (a repeated delivery). Neither may lose or
/// repeat a step.
/// </summary>
public sealed class TimerWakeTests : IAsyncLifetime
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 5, 14, 0, 0, TimeSpan.Zero));
    private EngineDatabase _database = null!;
    private EngineHost _engine = null!;
    private string _contact = "";

    public async Task InitializeAsync()
    {
        _database = await EngineDatabase.CreateAsync(_clock, CartFlows.Json);
        _engine = await EngineHost.StartAsync(_database, _clock);
        var now = _clock.GetUtcNow();
        await _engine.ApplyAsync(ProductAdded("anon-w", now), Identify("anon-w", null, now, new { email = "wes@example.com", first_name = "Wes" }));
        _contact = (await _engine.Contacts.LookupAsync("email", "wes@example.com", CancellationToken.None))!;
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task WakeAsync_BeforeTheWaitEnds_KeepsTheTimerSoTheJourneyStillWakesOnTime()
    {
        var timer = Assert.Single(await TimersAsync());
        _engine.Advance(TimeSpan.FromHours(1));

        await Grain().WakeAsync(timer.Id, timer.InstanceId);

        Assert.Equal(timer, Assert.Single(await TimersAsync()));
        Assert.Equal(FlowInstanceStatus.Active, (await InstanceAsync()).Status);

        _engine.Advance(Day);
        await _engine.WaitUntilAsync(async () => (await InstanceAsync()).Status == FlowInstanceStatus.Completed, "the journey to complete");
        Assert.Single(await _engine.Messages.ForContactAsync(_contact, CancellationToken.None));
    }

    [Fact]
    public async Task WakeAsync_RepeatedAfterTheJourneyMovedOn_SendsNothingMore()
    {
        var timer = Assert.Single(await TimersAsync());
        _engine.Advance(Day);
        await _engine.WaitUntilAsync(async () => (await InstanceAsync()).Status == FlowInstanceStatus.Completed, "the journey to complete");
        var completed = await InstanceAsync();

        await Grain().WakeAsync(timer.Id, timer.InstanceId);

        Assert.Equal(completed, await InstanceAsync());
        Assert.Single(await _engine.Messages.ForContactAsync(_contact, CancellationToken.None));
        Assert.Empty(await TimersAsync());
    }

    private IContactGrain Grain() => _engine.Get<IGrainFactory>().GetGrain<IContactGrain>(_contact);

    private async Task<FlowInstance> InstanceAsync() =>
        Assert.Single(await _engine.Flows.InstancesAsync(CartFlows.Id, _contact, 10, CancellationToken.None));

    private Task<IReadOnlyList<DueTimer>> TimersAsync() =>
        _engine.Flows.DueTimersAsync(_clock.GetUtcNow().AddYears(10), 100, CancellationToken.None);
}
