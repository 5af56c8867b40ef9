namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>
/// The period whose orders an RFM run looks at: from <see cref="Start"/> to <see cref="End"/> ("now"), both
/// inclusive. Orders after <see cref="End"/> (clock skew, back-dated imports of the future) are left out
/// rather than given a negative recency.
/// </summary>
public readonly record struct RfmWindow(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The window of <paramref name="lookBack"/> ending at <paramref name="now"/>.</summary>
    public static RfmWindow Ending(DateTimeOffset now, TimeSpan lookBack)
    {
        if (lookBack <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lookBack), lookBack, "the look-back must be positive");
        }

        // A look-back beyond the calendar's start means "all history", not an overflow.
        DateTimeOffset start = lookBack >= now - DateTimeOffset.MinValue ? DateTimeOffset.MinValue : now - lookBack;
        return new RfmWindow(start, now);
    }

    public bool Contains(DateTimeOffset at) => at >= Start && at <= End;
}
