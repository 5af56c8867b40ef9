namespace Rekindle.Core.Intelligence.Churn;

/// <summary>The period transactions are truncated to; purchases within one period count once.</summary>
public enum SummaryPeriod
{
    Day,

    /// <summary>Monday-to-Sunday weeks (pandas' <c>W</c> = <c>W-SUN</c>, which lifetimes uses).</summary>
    Week,
}

/// <summary>How <see cref="CustomerSummaryBuilder"/> turns transactions into summaries.</summary>
public sealed record SummaryOptions
{
    public SummaryPeriod Period { get; init; } = SummaryPeriod.Day;

    /// <summary>
    /// Periods per model time unit: recency and T are period counts divided by this. Daily periods with 7 give the
    /// weekly figures of the CDNOW papers (213 days → 30.43 weeks).
    /// </summary>
    public double Multiplier { get; init; } = 1;

    /// <summary>
    /// The last observed day (inclusive; its period is the end). Transactions in later periods are ignored.
    /// Null means the period of the latest transaction seen.
    /// </summary>
    public DateOnly? ObservationEnd { get; init; }
}
