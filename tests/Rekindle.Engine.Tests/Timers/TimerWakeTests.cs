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
public sealed class TimerWakeTests() : EngineTest(new DateTimeOffset(2026, 10, 5, 14, 0, 0, TimeSpan.Zero), [CartFlows.Json])
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private string _contact = "";

    protected override async Task OnStartedAsync()
    {
        var now = Clock.GetUtcNow();
        await Engine.ApplyAsync(ProductAdded("anon-w", now), Identify("anon-w", null, now, new { email = "wes@example.com", first_name = "Wes" }));
        _contact = (await Engine.Contacts.LookupAsync("email", "wes@example.com", CancellationToken.None))!;
    }

    [Fact]
    public async Task WakeAsync_BeforeTheWaitEnds_KeepsTheTimerSoTheJourneyStillWakesOnTime()
    {
        var timer = Assert.Single(await TimersAsync());
        Engine.Advance(TimeSpan.FromHours(1));

        await Grain().WakeAsync(timer.Id, timer.InstanceId);

        Assert.Equal(timer, Assert.Single(await TimersAsync()));
        Assert.Equal(FlowInstanceStatus.Active, (await InstanceAsync()).Status);

        Engine.Advance(Day);
        await Engine.WaitUntilAsync(async () => (await InstanceAsync()).Status == FlowInstanceStatus.Completed, "the journey to complete");
        Assert.Single(await Engine.Messages.ForContactAsync(_contact, CancellationToken.None));
    }

    [Fact]
    public async Task WakeAsync_RepeatedAfterTheJourneyMovedOn_SendsNothingMore()
    {
        var timer = Assert.Single(await TimersAsync());
        Engine.Advance(Day);
        await Engine.WaitUntilAsync(async () => (await InstanceAsync()).Status == FlowInstanceStatus.Completed, "the journey to complete");
        var completed = await InstanceAsync();

        await Grain().WakeAsync(timer.Id, timer.InstanceId);

        Assert.Equal(completed, await InstanceAsync());
        Assert.Single(await Engine.Messages.ForContactAsync(_contact, CancellationToken.None));
        Assert.Empty(await TimersAsync());
    }

    private IContactGrain Grain() => Engine.Get<IGrainFactory>().GetGrain<IContactGrain>(_contact);

    private async Task<FlowInstance> InstanceAsync() =>
        Assert.Single(await Engine.Flows.InstancesAsync(CartFlows.Id, _contact, 10, CancellationToken.None));

    private Task<IReadOnlyList<DueTimer>> TimersAsync() =>
        Engine.Flows.DueTimersAsync(Clock.GetUtcNow().AddYears(10), 100, CancellationToken.None);
}
