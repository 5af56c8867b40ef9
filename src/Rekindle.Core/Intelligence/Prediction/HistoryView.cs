using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// The shop as it was known at the end of <see cref="KnownThrough"/>: only purchases and engagement on or before that
/// day are visible, so a model fitted through a view cannot see the period it is tested on. Candidates get nothing
/// else. Customers are those whose first purchase is on or before that day.
/// </summary>
public sealed class HistoryView
{
    private const double DaysPerWeek = 7;
    private readonly int through;
    private readonly int[] counts;
    private CustomerSummary[]? summaries;

    public HistoryView(PurchaseHistory purchases, EngagementHistory engagement, DateOnly knownThrough)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(engagement);
        Purchases = purchases;
        Engagement = engagement;
        KnownThrough = knownThrough;
        through = knownThrough.DayNumber;
        var customers = new List<int>();
        var known = new List<int>();
        for (int c = 0; c < purchases.Count; c++)
        {
            var days = purchases.Days(c);
            if (days[0] > through)
            {
                continue;
            }

            int count = days[^1] <= through ? days.Length : UpperBound(days, through);
            customers.Add(c);
            known.Add(count);
        }

        Customers = [.. customers];
        counts = [.. known];
    }

    // Internal, so that a model in another assembly sees the history only through the view's cut.
    internal PurchaseHistory Purchases { get; }

    internal EngagementHistory Engagement { get; }

    public DateOnly KnownThrough { get; }

    /// <summary>Indices into <see cref="Purchases"/> of the customers known at <see cref="KnownThrough"/>, ascending.</summary>
    public int[] Customers { get; }

    /// <summary>The same history known through an earlier (or the same) day.</summary>
    public HistoryView Through(DateOnly day) =>
        day <= KnownThrough
            ? new HistoryView(Purchases, Engagement, day)
            : throw new ArgumentOutOfRangeException(nameof(day), day, $"a view through {KnownThrough:yyyy-MM-dd} cannot see {day:yyyy-MM-dd}");

    /// <summary>The known purchase days of the customer at position <paramref name="row"/> of <see cref="Customers"/>.</summary>
    public ReadOnlySpan<int> Days(int row) => Purchases.Days(Customers[row])[..counts[row]];

    public ReadOnlySpan<decimal> Amounts(int row) => Purchases.Amounts(Customers[row])[..counts[row]];

    /// <summary>Days since the customer's last known purchase.</summary>
    public int DaysSinceLast(int row) => through - Days(row)[^1];

    /// <summary>Engagement days with <paramref name="signal"/> in the last <paramref name="lastDays"/> days.</summary>
    public int EngagementDays(int row, EngagementSignal signal, int lastDays) =>
        Engagement.Days(Customers[row], signal, through - lastDays, through);

    /// <summary>The customer's id.</summary>
    public string Id(int row) => Purchases.Id(Customers[row]);

    /// <summary>
    /// For each customer of <paramref name="earlier"/>, whether they bought after its day and no later than this
    /// view's: the labels a supervised model learns from, which a view can only give for its own past.
    /// </summary>
    public bool[] BoughtSince(HistoryView earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (!ReferenceEquals(earlier.Purchases, Purchases) || earlier.KnownThrough > KnownThrough)
        {
            throw new ArgumentException("the earlier view must cut the same history at an earlier day", nameof(earlier));
        }

        var labels = new bool[earlier.Customers.Length];
        for (int row = 0; row < labels.Length; row++)
        {
            var days = Purchases.Days(earlier.Customers[row]);
            int last = days[^1] <= through ? days[^1] : days[UpperBound(days, through) - 1];
            labels[row] = last > earlier.through;
        }

        return labels;
    }

    /// <summary>The BTYD summaries (x, t_x, T in weeks; spend as <see cref="CustomerSummaryBuilder"/> has it), by row.</summary>
    public IReadOnlyList<CustomerSummary> Summaries() => summaries ??= BuildSummaries();

    private CustomerSummary[] BuildSummaries()
    {
        var result = new CustomerSummary[Customers.Length];
        for (int row = 0; row < result.Length; row++)
        {
            var days = Days(row);
            var amounts = Amounts(row);
            int repeats = days.Length - 1;
            decimal spend = 0;
            for (int i = 1; i < amounts.Length; i++)
            {
                spend += amounts[i];
            }

            result[row] = new CustomerSummary(
                Purchases.Id(Customers[row]),
                repeats,
                (days[^1] - days[0]) / DaysPerWeek,
                (through - days[0]) / DaysPerWeek,
                repeats > 0 ? spend / repeats : 0m);
        }

        return result;
    }

    // The number of days ≤ day in an ascending span.
    private static int UpperBound(ReadOnlySpan<int> days, int day)
    {
        int index = days.BinarySearch(day);
        return index < 0 ? ~index : index + 1;
    }
}
