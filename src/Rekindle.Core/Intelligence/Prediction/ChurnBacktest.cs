namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>One candidate's or baseline's figures in the backtest.</summary>
/// <param name="Model">"bg-nbd", "pareto-nbd", "boosted-trees", or a baseline: "recency-only", "frequency-only".</param>
/// <param name="Baseline">A baseline only ranks (no probability, so no Brier score or calibration) and is never chosen.</param>
/// <param name="Auc">Area under the ROC curve on who bought in the window; null when unavailable.</param>
/// <param name="Brier">Mean squared error of the probability; null for baselines and unavailable models.</param>
/// <param name="Calibration">Predicted vs actual by decile of the prediction; empty for baselines.</param>
/// <param name="Unavailable">Why the model could not be tried.</param>
/// <param name="Note">What to know about an available fit (e.g. a parameter at its limit).</param>
public sealed record BacktestResult(
    string Model, bool Baseline, double? Auc, double? Brier, IReadOnlyList<CalibrationBin> Calibration, string? Unavailable,
    IReadOnlyDictionary<string, double> Parameters, IReadOnlyList<FeatureShare> Importance, string? Note = null);

/// <summary>
/// The backtest of one run: every model fitted on what was known at <see cref="Cutoff"/> (= as-of − H) and measured
/// on who actually bought in (cut-off, as-of].
/// </summary>
/// <param name="Customers">Customers with a purchase on or before the cut-off.</param>
/// <param name="Buyers">How many of them bought in the window.</param>
public sealed record ChurnBacktest(DateOnly Cutoff, DateOnly AsOf, int Customers, int Buyers, IReadOnlyList<BacktestResult> Results)
{
    /// <summary>The share who bought in the window: the shop's base rate of buying within H.</summary>
    public double BaseRate => Customers == 0 ? 0 : (double)Buyers / Customers;

    public const string RecencyOnly = "recency-only";
    public const string FrequencyOnly = "frequency-only";

    /// <summary>
    /// Runs every model and both baselines at the cut-off, H days before <paramref name="now"/>'s day, and measures
    /// them on who bought from the cut-off to that day.
    /// </summary>
    public static ChurnBacktest Run(HistoryView now, int horizonDays, IReadOnlyList<IPurchaseModel> models)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(models);
        var view = now.Through(now.KnownThrough.AddDays(-horizonDays));
        var outcome = now.BoughtSince(view);
        var results = new List<BacktestResult>();
        foreach (var model in models)
        {
            results.Add(Measure(model.Predict(view, horizonDays), outcome));
        }

        var recency = new double[view.Customers.Length];
        var frequency = new double[view.Customers.Length];
        for (int row = 0; row < recency.Length; row++)
        {
            recency[row] = -view.DaysSinceLast(row);
            frequency[row] = view.Days(row).Length;
        }

        results.Add(Baseline(RecencyOnly, recency, outcome));
        results.Add(Baseline(FrequencyOnly, frequency, outcome));
        return new ChurnBacktest(view.KnownThrough, now.KnownThrough, outcome.Length, outcome.Count(b => b), results);
    }

    private static BacktestResult Measure(PurchaseForecast forecast, bool[] outcome)
    {
        if (!forecast.Available)
        {
            return new BacktestResult(forecast.Model, false, null, null, [], forecast.Unavailable, forecast.Parameters, forecast.Importance);
        }

        if (forecast.Probability.Length != outcome.Length || forecast.Probability.Any(p => !(p >= 0 && p <= 1)))
        {
            return new BacktestResult(forecast.Model, false, null, null, [],
                "it predicted something that is not a probability for every customer", forecast.Parameters, forecast.Importance);
        }

        return new BacktestResult(forecast.Model, false, BacktestMetrics.Auc(forecast.Probability, outcome),
            BacktestMetrics.Brier(forecast.Probability, outcome), BacktestMetrics.Deciles(forecast.Probability, outcome), null,
            forecast.Parameters, forecast.Importance, forecast.Note);
    }

    private static BacktestResult Baseline(string name, double[] scores, bool[] outcome) =>
        new(name, true, BacktestMetrics.Auc(scores, outcome), null, [], null, new Dictionary<string, double>(), []);
}
