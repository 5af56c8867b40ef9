using Microsoft.Extensions.Time.Testing;
using Rekindle.Engine.Clock;

namespace Rekindle.Engine.Tests.Clock;

public sealed class AdjustableClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _inner = new(Start);

    [Fact]
    public void Advance_Forward_AddsToTheInnerTimeAndTellsListeners()
    {
        var clock = new AdjustableClock(_inner);
        var told = 0;
        clock.Advanced += () => told++;

        clock.Advance(TimeSpan.FromHours(24));
        _inner.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(Start + TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1), clock.GetUtcNow());
        Assert.Equal((TimeSpan.FromHours(24), 1), (clock.Offset, told));
    }

    [Fact]
    public void Advance_Backward_Throws()
    {
        var clock = new AdjustableClock(_inner);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
        Assert.Equal(Start, clock.GetUtcNow());
    }

    [Fact]
    public async Task Delay_OverAFakeClock_ElapsesWhenTheFakeClockMoves()
    {
        var clock = new AdjustableClock(_inner);

        var delay = Task.Delay(TimeSpan.FromSeconds(30), clock);
        _inner.Advance(TimeSpan.FromSeconds(29));
        Assert.False(delay.IsCompleted);
        _inner.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
