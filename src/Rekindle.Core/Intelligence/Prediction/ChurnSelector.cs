using System.Globalization;
using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// The churn run's decision: backtest every model on the shop's own history (<see cref="ChurnBacktest"/>), choose
/// the one that ranked the window's buyers best (the lower Brier score breaks a near tie), refit it on everything
/// known at the as-of day, calibrate its ranking with what the backtest saw (<see cref="RankCalibration"/>), and set
/// each customer's level against the shop's base rate with hysteresis (<see cref="RiskBands"/>). With too little
/// history for a backtest to mean anything, the documented rule decides instead: risk by how many of their own
/// expected gaps a customer has gone without buying (<see cref="OverdueBands"/>).
/// </summary>
public static class ChurnSelector
{
    public const string FallbackRule = "rule:overdue";

    /// <param name="now">The shop as known on the as-of day; the backtest cuts it H days earlier.</param>
    public static ChurnSelection Run(
        HistoryView now, IReadOnlyList<IPurchaseModel> models, BtydFits fits, ChurnPredictionOptions options, Func<string, ChurnRisk?> previous)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(fits);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(previous);
        options.Validate();
        var backtest = ChurnBacktest.Run(now, options.HorizonDays, models);
        var rhythm = Rhythms(now, fits, options.HorizonDays);

        if (TooLittleHistory(backtest, options) is { } shortage)
        {
            return Fallback(backtest, now, rhythm, options, previous, shortage);
        }

        // Best backtest first; a candidate whose refit fails gives way to the next.
        var ranked = backtest.Results.Where(r => !r.Baseline && r.Auc is not null)
            .OrderByDescending(r => r.Auc!.Value).ToList();
        ranked = BreakTies(ranked, options.AucTie);
        foreach (var chosen in ranked)
        {
            var model = models.First(m => m.Name == chosen.Model);
            var forecast = model.Predict(now, options.HorizonDays);
            if (!forecast.Available)
            {
                continue;
            }

            return Chosen(backtest, chosen, forecast, now, rhythm, options, previous, ranked);
        }

        return Fallback(backtest, now, rhythm, options, previous,
            "no model could be fitted: " + string.Join("; ", backtest.Results.Where(r => r.Unavailable is not null).Select(r => $"{r.Model}: {r.Unavailable}")));
    }

    private static string? TooLittleHistory(ChurnBacktest backtest, ChurnPredictionOptions options)
    {
        var at = backtest.Cutoff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (backtest.Customers < options.MinimumCustomers)
        {
            return $"{backtest.Customers:N0} customers had bought by the backtest's cut-off {at}; a backtest needs {options.MinimumCustomers:N0}";
        }

        int nonBuyers = backtest.Customers - backtest.Buyers;
        if (backtest.Buyers < options.MinimumBuyers || nonBuyers < options.MinimumBuyers)
        {
            return $"of {backtest.Customers:N0} customers at the cut-off {at}, {backtest.Buyers:N0} bought in the next {(backtest.AsOf.DayNumber - backtest.Cutoff.DayNumber):N0} days " +
                $"and {nonBuyers:N0} did not; a backtest needs {options.MinimumBuyers:N0} of each";
        }

        return null;
    }

    // Within the tie margin of the best AUC, the lowest Brier score goes first.
    private static List<BacktestResult> BreakTies(List<BacktestResult> ranked, double tie)
    {
        if (ranked.Count < 2)
        {
            return ranked;
        }

        double best = ranked[0].Auc!.Value;
        var tied = ranked.Where(r => best - r.Auc!.Value < tie).OrderBy(r => r.Brier ?? double.MaxValue).ToList();
        return [.. tied, .. ranked.Except(tied)];
    }

    private static ChurnSelection Chosen(
        ChurnBacktest backtest, BacktestResult chosen, PurchaseForecast forecast, HistoryView now, PurchaseRhythm?[] rhythm,
        ChurnPredictionOptions options, Func<string, ChurnRisk?> previous, IReadOnlyList<BacktestResult> ranked)
    {
        var calibration = RankCalibration.From(chosen.Calibration);
        var probability = calibration.Apply(forecast.Probability);
        var bands = RiskBands.FromBaseRate(backtest.BaseRate, options);
        var predictions = new ChurnPrediction[now.Customers.Length];
        for (int row = 0; row < predictions.Length; row++)
        {
            string id = now.Id(row);
            double raw = forecast.Probability[row];
            // The expected count moves with the probability, so it never falls below it.
            double expected = raw > 0 ? forecast.ExpectedPurchases[row] * probability[row] / raw : forecast.ExpectedPurchases[row];
            predictions[row] = new ChurnPrediction(id, probability[row], expected, rhythm[row],
                bands.Assign(probability[row], previous(id), options.Hysteresis));
        }

        return new ChurnSelection(backtest, options.HorizonDays, chosen.Model, Reason(chosen, ranked, backtest), false, backtest.BaseRate, bands,
            predictions, forecast.Importance, calibration.Rates, forecast.Parameters);
    }

    private static string Reason(BacktestResult chosen, IReadOnlyList<BacktestResult> ranked, ChurnBacktest backtest)
    {
        var text = new System.Text.StringBuilder().Append(CultureInfo.InvariantCulture,
            $"{chosen.Model} ranked who bought in {backtest.Cutoff:yyyy-MM-dd} .. {backtest.AsOf:yyyy-MM-dd} best (AUC {chosen.Auc:F3}");
        foreach (var other in ranked.Where(r => r != chosen))
        {
            text.Append(CultureInfo.InvariantCulture, $"; {other.Model} {other.Auc:F3}");
        }

        foreach (var baseline in backtest.Results.Where(r => r.Baseline && r.Auc is not null))
        {
            double gain = chosen.Auc!.Value - baseline.Auc!.Value;
            text.Append(CultureInfo.InvariantCulture, $"; {baseline.Model} {baseline.Auc:F3}, {(gain >= 0 ? "+" : "")}{gain:F3}");
        }

        return text.Append(')').ToString();
    }

    private static ChurnSelection Fallback(
        ChurnBacktest backtest, HistoryView now, PurchaseRhythm?[] rhythm, ChurnPredictionOptions options,
        Func<string, ChurnRisk?> previous, string why)
    {
        var bands = new OverdueBands();
        var predictions = new ChurnPrediction[now.Customers.Length];
        for (int row = 0; row < predictions.Length; row++)
        {
            string id = now.Id(row);
            // The shop's gap, or H, stands in for a customer's own, so only a degenerate fit leaves no rhythm.
            var risk = rhythm[row] is { } own ? bands.Assign(own.Overdue, previous(id), options.Hysteresis) : previous(id) ?? ChurnRisk.Medium;
            predictions[row] = new ChurnPrediction(id, null, null, rhythm[row], risk);
        }

        return new ChurnSelection(backtest, options.HorizonDays, FallbackRule,
            why + $"; so risk follows the rule: medium after {bands.MediumFrom:0.#} and high after {bands.HighFrom:0.#} of the customer's own expected gaps without a purchase",
            true, null, null, predictions, [], [], new Dictionary<string, double>());
    }

    private static PurchaseRhythm?[] Rhythms(HistoryView now, BtydFits fits, int horizonDays)
    {
        var summaries = now.Summaries();
        var fit = fits.Get(now, paretoNbd: false) is { Converged: true } bg ? bg
            : fits.Get(now, paretoNbd: true) is { Converged: true } pareto ? pareto : null;
        (double, double)? rate = fit is null ? null : (fit.Parameters["r"], fit.Parameters["alpha"]);
        // Without a single repeat buyer there is no gap to learn from: a purchase is then expected within H.
        double shopGap = PurchaseRhythm.ShopGapDays(summaries) ?? horizonDays;
        var result = new PurchaseRhythm?[summaries.Count];
        for (int row = 0; row < result.Length; row++)
        {
            result[row] = PurchaseRhythm.Of(summaries[row], DateOnly.FromDayNumber(now.Days(row)[^1]), now.KnownThrough, rate, shopGap);
        }

        return result;
    }
}
