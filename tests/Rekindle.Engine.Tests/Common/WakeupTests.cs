using Microsoft.Extensions.Time.Testing;
using Rekindle.Engine.Common;

namespace Rekindle.Engine.Tests.Common;

public sealed class WakeupTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);   // real time, only so a bug fails instead of hanging
    private readonly FakeTimeProvider _time = new();
    private readonly Wakeup _wakeup = new();

    [Fact]
    public async Task WaitAsync_SetBefore_ReturnsTrueAtOnce()
    {
        _wakeup.Set();

        var wait = _wakeup.WaitAsync(Poll, _time, CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.True(await wait);
    }

    [Fact]
    public async Task WaitAsync_SetTwiceBefore_WakesOnceThenWaitsAgain()
    {
        _wakeup.Set();
        _wakeup.Set();

        Assert.True(await _wakeup.WaitAsync(Poll, _time, CancellationToken.None));
        var second = _wakeup.WaitAsync(Poll, _time, CancellationToken.None);

        Assert.False(second.IsCompleted);
        _time.Advance(Poll);
        Assert.False(await second.WaitAsync(Guard));
    }

    [Fact]
    public async Task WaitAsync_NoNudge_ReturnsFalseExactlyWhenThePollIntervalHasPassed()
    {
        var wait = _wakeup.WaitAsync(Poll, _time, CancellationToken.None);

        _time.Advance(Poll - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(await wait.WaitAsync(Guard));
    }

    [Fact]
    public async Task WaitAsync_SetWhileWaiting_ReturnsTrueWithoutTimeMoving()
    {
        var wait = _wakeup.WaitAsync(Poll, _time, CancellationToken.None);
        Assert.False(wait.IsCompleted);

        _wakeup.Set();

        Assert.True(await wait.WaitAsync(Guard));
    }

    [Fact]
    public async Task WaitAsync_TimedOutThenSet_NextWaitReturnsAtOnce()
    {
        var timedOut = _wakeup.WaitAsync(Poll, _time, CancellationToken.None);
        _time.Advance(Poll);
        Assert.False(await timedOut.WaitAsync(Guard));

        _wakeup.Set();

        Assert.True(await _wakeup.WaitAsync(Poll, _time, CancellationToken.None).WaitAsync(Guard));
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        var wait = _wakeup.WaitAsync(Poll, _time, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Guard));
    }
}
