namespace Rekindle.Engine.Common;

/// <summary>
/// An auto-reset nudge for a background loop: producers call <see cref="Set"/> after they commit work,
/// the loop waits for a nudge or its poll interval, whichever comes first. Polling stays as the safety
/// net (work committed by another node, a lost nudge), the nudge gives the low latency.
/// </summary>
public sealed class Wakeup
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => _signal.TrySetResult();

    /// <summary>Waits for a nudge or the timeout; returns true when nudged.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var signal = Volatile.Read(ref _signal);
        if (signal.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _signal, new(TaskCreationOptions.RunContinuationsAsynchronously), signal);
            return true;
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, time, timeoutCts.Token);
        var winner = await Task.WhenAny(signal.Task, delay);
        await timeoutCts.CancelAsync();
        ct.ThrowIfCancellationRequested();
        if (winner == signal.Task)
        {
            Interlocked.CompareExchange(ref _signal, new(TaskCreationOptions.RunContinuationsAsynchronously), signal);
            return true;
        }

        return false;
    }
}
