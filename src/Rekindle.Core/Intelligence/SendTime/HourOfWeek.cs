namespace Rekindle.Core.Intelligence.SendTime;

/// <summary>The 168 hours of a week, Monday 00:00–01:00 UTC being hour 0.</summary>
public static class HourOfWeek
{
    public const int Count = 168;

    public static int Of(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var day = ((int)utc.DayOfWeek + 6) % 7; // Monday = 0
        return day * 24 + utc.Hour;
    }

    /// <summary>Counts how many of <paramref name="times"/> fall in each hour of the week.</summary>
    public static double[] Histogram(IEnumerable<DateTimeOffset> times)
    {
        var counts = new double[Count];
        foreach (var time in times)
        {
            counts[Of(time)]++;
        }

        return counts;
    }
}
