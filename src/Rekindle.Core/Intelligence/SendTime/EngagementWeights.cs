namespace Rekindle.Core.Intelligence.SendTime;

/// <summary>What a shopper did that shows they were there to read a message.</summary>
public enum EngagementKind
{
    /// <summary>A page or screen view on the shop's site or app.</summary>
    Visit,

    /// <summary>An Order Completed, live or imported (an imported order keeps the time it was placed).</summary>
    Purchase,

    /// <summary>An Email Opened.</summary>
    EmailOpen,

    /// <summary>An Email Link Clicked.</summary>
    EmailClick,
}

/// <summary>The channel a send time is chosen for.</summary>
public enum SendChannel
{
    Email,
    Sms,
    Push,
}

/// <summary>One engagement of one contact.</summary>
public readonly record struct Engagement(string ContactId, DateTimeOffset At, EngagementKind Kind);

/// <summary>
/// Which engagements count for a channel, and how much. The unit is an <em>active hour</em> — one contact, one
/// hour of one day — so a 30-page browsing session counts once, like a single open, and nobody's habits weigh
/// by how many pages they click through. For email, an hour in which the contact opened or clicked an email
/// counts 2, any other active hour (a visit, a purchase) 1: an open shows when they read email, which is what
/// the choice is about, while a visit only shows they were online. Not more than 2, because opens are
/// approximate (image proxies such as Apple Mail Privacy Protection fetch the pixel when the mail arrives, not
/// when it is read). SMS and push have no tracking of their own yet, so for them only visits and purchases count.
/// </summary>
public static class EngagementWeights
{
    public const double EmailEngagement = 2;
    public const double Activity = 1;

    /// <summary>The weight of one active hour with an engagement of <paramref name="kind"/>; 0 when it does not count.</summary>
    public static double Of(SendChannel channel, EngagementKind kind) => kind switch
    {
        EngagementKind.Visit or EngagementKind.Purchase => Activity,
        EngagementKind.EmailOpen or EngagementKind.EmailClick => channel == SendChannel.Email ? EmailEngagement : 0,
        _ => 0,
    };

    /// <summary>The kinds that count for <paramref name="channel"/> (what storage needs to read).</summary>
    public static IReadOnlyList<EngagementKind> Counted(SendChannel channel) =>
        Enum.GetValues<EngagementKind>().Where(k => Of(channel, k) > 0).ToList();

    /// <summary>
    /// The 168-hour histogram of active hours: each (contact, UTC date and hour) adds the largest weight among its
    /// engagements to its hour of the week — an hour with an open and a visit counts 2 for email, not 3.
    /// </summary>
    public static double[] Histogram(IEnumerable<Engagement> engagements, SendChannel channel)
    {
        ArgumentNullException.ThrowIfNull(engagements);
        var hours = new Dictionary<(string Contact, long Hour), double>();
        foreach (var e in engagements)
        {
            var weight = Of(channel, e.Kind);
            if (weight <= 0)
            {
                continue;
            }

            var key = (e.ContactId, e.At.UtcTicks / TimeSpan.TicksPerHour);
            hours[key] = Math.Max(hours.GetValueOrDefault(key), weight);
        }

        var counts = new double[HourOfWeek.Count];
        foreach (var ((_, hour), weight) in hours)
        {
            counts[HourOfWeek.Of(new DateTimeOffset(hour * TimeSpan.TicksPerHour, TimeSpan.Zero))] += weight;
        }

        return counts;
    }
}
