using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>A customer's own rhythm: the gap expected between purchases, when the next one is due, and how late it is.</summary>
/// <param name="ExpectedGapDays">Days expected between two purchases of this customer.</param>
/// <param name="NextPurchaseExpected">The last purchase day plus the expected gap (what a replenishment flow waits for).</param>
/// <param name="Overdue">Days since the last purchase divided by the expected gap: above 1 the customer is past due.</param>
public sealed record PurchaseRhythm(double ExpectedGapDays, DateOnly NextPurchaseExpected, double Overdue)
{
    private const double DaysPerWeek = 7;

    /// <summary>
    /// The expected gap is 1 / E[λ] with the purchase rate's posterior after the customer's repeat purchases,
    /// Gamma(r + x, α + t_x) (r and α from the shop's BTYD fit, in weeks): a customer with many purchases gets
    /// their own mean gap, a customer with one or two gets a gap pulled towards the shop's (α / r). Without a fit,
    /// the customer's own mean gap, or failing that <paramref name="shopGapDays"/>.
    /// </summary>
    public static PurchaseRhythm? Of(CustomerSummary summary, DateOnly lastPurchase, DateOnly asOf, (double R, double Alpha)? rate, double? shopGapDays)
    {
        ArgumentNullException.ThrowIfNull(summary);
        double? gapDays = rate is var (r, alpha)
            ? (alpha + summary.Recency) / (r + summary.Frequency) * DaysPerWeek
            : summary.Frequency > 0 ? summary.Recency / summary.Frequency * DaysPerWeek : shopGapDays;
        if (gapDays is not > 0 || !double.IsFinite(gapDays.Value))
        {
            return null;
        }

        var next = lastPurchase.AddDays((int)Math.Min(Math.Round(gapDays.Value), 36_500));
        return new PurchaseRhythm(gapDays.Value, next, (asOf.DayNumber - lastPurchase.DayNumber) / gapDays.Value);
    }

    /// <summary>The median of the repeat buyers' own mean gaps in days, or null without repeat buyers.</summary>
    public static double? ShopGapDays(IReadOnlyList<CustomerSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var gaps = summaries.Where(s => s.Frequency > 0).Select(s => s.Recency / s.Frequency * DaysPerWeek).Order().ToArray();
        return gaps.Length == 0 ? null : gaps.Length % 2 == 1 ? gaps[gaps.Length / 2] : (gaps[gaps.Length / 2 - 1] + gaps[gaps.Length / 2]) / 2;
    }
}
