using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>Named features by row, row-major: <c>Values[row * Names.Count + feature]</c>.</summary>
public sealed record FeatureMatrix(IReadOnlyList<string> Names, float[] Values)
{
    public int Rows => Names.Count == 0 ? 0 : Values.Length / Names.Count;
}

/// <summary>
/// What a learnt churn model knows about each customer of a view: the purchase history in the BTYD summaries'
/// terms and beyond them (the gaps between purchases and whether they are growing), BG/NBD's own expectations, and
/// the behaviour order data does not show — visits, product views, carts, email opens and clicks in the last 30 and
/// 90 days. Everything is measured at the view's day, so features at a cut-off know nothing after it.
/// </summary>
public static class ChurnFeatures
{
    private const double DaysPerWeek = 7;
    private static readonly (EngagementSignal Signal, string Name)[] Signals =
    [
        (EngagementSignal.Visit, "visits"), (EngagementSignal.ProductView, "product_views"), (EngagementSignal.Cart, "carts"),
        (EngagementSignal.EmailOpen, "email_opens"), (EngagementSignal.EmailClick, "email_clicks"),
    ];

    private static readonly int[] Windows = [30, 90];

    public static IReadOnlyList<string> Names { get; } =
    [
        "recency_days", "frequency", "tenure_days", "mean_spend", "mean_gap_days", "last_gap_days", "gap_trend", "overdue",
        "purchases_90d", "purchases_365d", "bgnbd_p_alive", "bgnbd_p_purchase", "bgnbd_expected_purchases",
        .. Signals.SelectMany(s => Windows.Select(w => $"{s.Name}_{w}d")),
    ];

    /// <summary>The column of the feature named <paramref name="name"/> in <see cref="Names"/>.</summary>
    public static int Column(string name)
    {
        for (int i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"no churn feature is named {name}", nameof(name));
    }

    /// <summary>
    /// The features of every customer of <paramref name="view"/>, with BG/NBD fitted on the view itself; without
    /// <paramref name="withBtyd"/> its three columns are zero.
    /// </summary>
    public static FeatureMatrix Build(HistoryView view, int horizonDays, BtydFits fits, bool withBtyd = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(fits);
        int columns = Names.Count;
        var values = new float[view.Customers.Length * columns];
        var (alive, buy, expected) = withBtyd ? Expectations(view, horizonDays, fits) : None(view.Customers.Length);
        int today = view.KnownThrough.DayNumber;
        Parallel.For(0, view.Customers.Length, row =>
        {
            var days = view.Days(row);
            var amounts = view.Amounts(row);
            var f = values.AsSpan(row * columns, columns);
            int n = days.Length;
            double meanGap = n > 1 ? (days[^1] - days[0]) / (double)(n - 1) : 0;
            double lastGap = n > 1 ? days[^1] - days[^2] : 0;
            double earlierGap = n > 2 ? (days[^2] - days[0]) / (double)(n - 2) : 0;
            decimal spend = 0;
            foreach (var amount in amounts)
            {
                spend += amount;
            }

            int recency = today - days[^1];
            f[0] = recency;
            f[1] = n;
            f[2] = today - days[0];
            f[3] = (float)(spend / n);
            f[4] = (float)meanGap;
            f[5] = (float)lastGap;
            f[6] = earlierGap > 0 ? (float)(lastGap / earlierGap) : 0;
            f[7] = meanGap > 0 ? (float)(recency / meanGap) : 0;
            f[8] = CountSince(days, today - 90);
            f[9] = CountSince(days, today - 365);
            f[10] = (float)alive[row];
            f[11] = (float)buy[row];
            f[12] = (float)expected[row];
            int column = 13;
            foreach (var (signal, _) in Signals)
            {
                foreach (var window in Windows)
                {
                    f[column++] = view.EngagementDays(row, signal, window);
                }
            }
        });

        return new FeatureMatrix(Names, values);
    }

    private static (double[] Alive, double[] Buy, double[] Expected) Expectations(HistoryView view, int horizonDays, BtydFits fits)
    {
        var summaries = view.Summaries();
        if (fits.Get(view, paretoNbd: false) is not { Converged: true } fit)
        {
            // Without a fit the three columns are constant, so the trees simply never split on them.
            return None(summaries.Count);
        }

        return BtydPurchaseModel.Forecast(fit.Model, summaries, horizonDays / DaysPerWeek);
    }

    private static (double[], double[], double[]) None(int rows) => (new double[rows], new double[rows], new double[rows]);

    /// <summary>
    /// Whether BG/NBD converged on every one of <paramref name="views"/>: a model trained on some days and applied on
    /// another must see the same columns mean the same thing on all of them, and a fit at a limit (or none) on one
    /// day would leave its columns zero there and full elsewhere.
    /// </summary>
    public static bool BtydOnAll(IEnumerable<HistoryView> views, BtydFits fits)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(fits);
        return views.All(v => fits.Get(v, paretoNbd: false) is { Converged: true });
    }

    // Purchase days after `after`, in an ascending span.
    private static int CountSince(ReadOnlySpan<int> days, int after)
    {
        int index = days.BinarySearch(after + 1);
        return days.Length - (index < 0 ? ~index : index);
    }
}
