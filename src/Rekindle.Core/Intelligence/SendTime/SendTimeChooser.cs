namespace Rekindle.Core.Intelligence.SendTime;

/// <summary>The chosen moment and why.</summary>
/// <param name="SendAt">When to send: the start of the best hour inside the window (or the window's start).</param>
/// <param name="HourOfWeek">The hour of the week chosen (Monday 00 UTC = 0).</param>
/// <param name="ContactEvents">How much of the contact's own engagement the choice rests on (N: its weighted active hours, see <see cref="EngagementWeights"/>).</param>
/// <param name="Weight">The chosen hour's share of engagement after shrinkage (0–1).</param>
public sealed record SendTimeChoice(DateTimeOffset SendAt, int HourOfWeek, int ContactEvents, double Weight);

/// <summary>
/// Best send time per contact: the hour of the week in which the contact engages most, shrunk toward the shop's
/// pattern when the contact has little history — the shrunk share of hour h is (nₕ + k·qₕ) / (N + k), with nₕ the
/// contact's engagement in h (counted by <see cref="EngagementWeights.Histogram"/>), N its total, qₕ the shop-wide share of h and k the prior strength (how many
/// engagements the shop pattern is worth). A contact with no history gets the shop's best hour; one with hundreds
/// gets its own. The send time is the start of the best hour inside [earliest, latest] (the earliest such hour on
/// a tie), or earliest itself when that is better than any whole hour in the window.
/// </summary>
public static class SendTimeChooser
{
    public const double DefaultPriorStrength = 10;

    public static SendTimeChoice Choose(double[] contactCounts, double[] shopCounts, DateTimeOffset earliest, DateTimeOffset latest,
        double priorStrength = DefaultPriorStrength)
    {
        if (contactCounts.Length != HourOfWeek.Count || shopCounts.Length != HourOfWeek.Count)
        {
            throw new ArgumentException($"histograms must have {HourOfWeek.Count} hours");
        }

        if (latest < earliest)
        {
            throw new ArgumentException($"the window ends ({latest:O}) before it starts ({earliest:O})");
        }

        var contactTotal = contactCounts.Sum();
        var shopTotal = shopCounts.Sum();
        double Share(int h)
        {
            var prior = shopTotal > 0 ? shopCounts[h] / shopTotal : 1.0 / HourOfWeek.Count;
            return (contactCounts[h] + priorStrength * prior) / (contactTotal + priorStrength);
        }

        // Candidates: the window's start, then every whole hour that begins inside the window.
        var best = earliest;
        var bestShare = Share(HourOfWeek.Of(earliest));
        var hour = new DateTimeOffset(earliest.UtcDateTime.Date.AddHours(earliest.UtcDateTime.Hour), TimeSpan.Zero).AddHours(1);
        for (; hour <= latest; hour = hour.AddHours(1))
        {
            var share = Share(HourOfWeek.Of(hour));
            if (share > bestShare)
            {
                (best, bestShare) = (hour, share);
            }
        }

        return new SendTimeChoice(best, HourOfWeek.Of(best), (int)contactTotal, bestShare);
    }
}
