namespace Rekindle.Engine.Clock;

/// <summary>
/// The server's clock: real time plus an offset that only a deployment with Clock:Adjustable=true lets
/// the admin API move forward. Black-box tests and demos use it to see a 24-hour wait end without
/// waiting a day; production never enables it, and the offset can only grow, so time never runs back.
/// </summary>
public sealed class AdjustableClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public event Action? Advanced;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    // Delays and poll intervals run on the inner clock too: over a fake clock (tests) they elapse when
    // the test moves time, not on the machine's timers. Over the system clock nothing changes, and the
    // offset does not matter to a relative delay.
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "the clock only moves forward");
        }

        Interlocked.Add(ref _offsetTicks, by.Ticks);
        Advanced?.Invoke();
    }
}
