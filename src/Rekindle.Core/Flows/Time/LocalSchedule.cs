namespace Rekindle.Core.Flows;

/// <summary>
/// Local wall-clock times in a contact's time zone turned into instants, the way a person reads them: "09:00" on a day
/// the clocks spring forward past 09:00 is the first moment after the gap, and on a day they fall back it is the first
/// of the two 09:00s.
/// </summary>
public static class LocalSchedule
{
    /// <summary>The instant of <paramref name="time"/> on <paramref name="date"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Skipped by a forward jump: the wall clock goes straight past it; the jump's end is when it "happens".
            var probe = local;
            while (zone.IsInvalidTime(probe))
            {
                probe = probe.AddMinutes(1);
            }

            local = probe;
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>
    /// The first instant at or after <paramref name="from"/> whose local time in <paramref name="zone"/> is
    /// <paramref name="time"/> on one of <paramref name="days"/> (every day when empty).
    /// </summary>
    public static DateTimeOffset Next(DateTimeOffset from, TimeOnly time, IReadOnlyCollection<DayOfWeek> days, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(days);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);

        // Eight days: today's time may have passed, and the same weekday then comes round again a week later.
        for (int i = 0; i <= 7; i++)
        {
            var date = today.AddDays(i);
            if (days.Count > 0 && !days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var candidate = At(date, time, zone);
            if (candidate >= from)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("unreachable: a week always holds the next matching day");
    }
}
