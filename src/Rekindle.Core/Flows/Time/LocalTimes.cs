namespace Rekindle.Core.Flows.Time;

/// <summary>
/// Wall-clock times in a time zone turned into instants, DST-correct. A local time that does not exist (the hour
/// skipped when clocks go forward) is taken as the same wall time after the jump (02:30 → 03:30); a local time that
/// happens twice (clocks go back) is taken the first time, so nothing is sent an hour late.
/// </summary>
public static class LocalTimes
{
    /// <summary>The instant at which the wall clock in <paramref name="zone"/> shows <paramref name="time"/> on <paramref name="date"/>.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        DateTime local = date.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // The offset before the gap: read as that offset, the wall time lands after the jump by the gap's length.
            // Transitions never come twice in a day, so a day earlier is safely before it.
            offset = zone.GetUtcOffset(local.AddDays(-1));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            // The larger offset is the earlier of the two instants.
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// The first instant at or after <paramref name="from"/> at which the wall clock in <paramref name="zone"/> shows
    /// <paramref name="time"/>: today's if it has not passed yet, else tomorrow's.
    /// </summary>
    public static DateTimeOffset NextAt(DateTimeOffset from, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        DateOnly today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        DateTimeOffset candidate = At(today, time, zone);
        return candidate >= from ? candidate : At(today.AddDays(1), time, zone);
    }

    /// <summary>
    /// The first instant at or after <paramref name="from"/> at which the wall clock shows <paramref name="time"/> on one
    /// of <paramref name="days"/> (any day when empty): "the next weekday at 09:00".
    /// </summary>
    public static DateTimeOffset NextAt(DateTimeOffset from, TimeOnly time, IReadOnlyCollection<DayOfWeek> days, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(days);
        DateOnly today = DateIn(from, zone);

        // Eight days: today's time may have passed, and the same weekday then comes round again a week later.
        for (int i = 0; i <= 7; i++)
        {
            DateOnly date = today.AddDays(i);
            if ((days.Count == 0 || days.Contains(date.DayOfWeek)) && At(date, time, zone) is var candidate && candidate >= from)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("unreachable: a week always holds the next matching day");
    }

    /// <summary>The date on the wall calendar in <paramref name="zone"/> at <paramref name="instant"/>.</summary>
    public static DateOnly DateIn(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
