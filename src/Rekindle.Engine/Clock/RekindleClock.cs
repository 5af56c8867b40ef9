namespace Rekindle.Engine.Clock;

/// <summary>
/// Rekindle's own clock is a keyed service: Orleans takes the unkeyed <see cref="TimeProvider"/> for
/// its membership, watchdog and activation collection, and those must keep real time even when a
/// demo moves Rekindle's clock a day ahead.
/// </summary>
public static class RekindleClock
{
    public const string Key = "rekindle";
}
