using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// BG/NBD or Pareto/NBD as a candidate: fitted by maximum likelihood on the view's summaries, predicting
/// P(alive) × P(a purchase within the horizon | alive). Fits are kept per (model, day) in <see cref="BtydFits"/>
/// so that the learnt model, which uses BG/NBD's expectations as features, does not fit the same data twice.
/// </summary>
public sealed class BtydPurchaseModel(bool paretoNbd, BtydFits fits) : IPurchaseModel
{
    private const double DaysPerWeek = 7;

    public string Name => paretoNbd ? "pareto-nbd" : "bg-nbd";

    public PurchaseForecast Predict(HistoryView view, int horizonDays)
    {
        ArgumentNullException.ThrowIfNull(view);
        var fit = fits.Get(view, paretoNbd);
        if (fit is null)
        {
            return PurchaseForecast.NotAvailable(Name, "no customer had bought twice by " + view.KnownThrough.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!fit.Converged && !fit.AtEdge)
        {
            return PurchaseForecast.NotAvailable(Name, $"the fit did not converge ({fit.Failure})");
        }

        // A fit at a parameter's limit is the limiting model (a → 0 or s → 0: nobody drops out); the backtest
        // judges it like any other, and the report says it was at the limit.
        var (_, probability, expected) = Forecast(fit.Model, view.Summaries(), horizonDays / DaysPerWeek);
        return new PurchaseForecast(Name, probability, expected, fit.Parameters, [], null, fit.AtEdge ? fit.Failure : null);
    }

    /// <summary>P(alive), P(a purchase within <paramref name="horizonWeeks"/>) and expected purchases for each summary.</summary>
    public static (double[] Alive, double[] Probability, double[] Expected) Forecast(
        IRepeatPurchaseModel model, IReadOnlyList<CustomerSummary> summaries, double horizonWeeks)
    {
        // The (x, T) parts are shared by many customers and cost hypergeometric series or quadrature: once each.
        var shared = new Dictionary<(double, double), (double Buy, double Expected)>();
        foreach (var c in summaries)
        {
            if (!shared.ContainsKey((c.Frequency, c.T)))
            {
                double buy = model.ProbabilityOfPurchaseIfAlive(horizonWeeks, c.Frequency, c.T);
                double purchases = model.ExpectedPurchasesIfAlive(horizonWeeks, c.Frequency, c.T);
                // BG/NBD's expectation is undefined where a + b + x ≤ 1 (only a degenerate fit gets there): at least one
                // purchase is then all that can be said of a buyer.
                shared[(c.Frequency, c.T)] = (buy, double.IsFinite(purchases) ? purchases : buy);
            }
        }

        var alive = new double[summaries.Count];
        var probability = new double[summaries.Count];
        var expected = new double[summaries.Count];
        Parallel.For(0, summaries.Count, i =>
        {
            var c = summaries[i];
            var (buy, purchases) = shared[(c.Frequency, c.T)];
            alive[i] = model.ProbabilityAlive(c.Frequency, c.Recency, c.T);
            probability[i] = alive[i] * buy;
            expected[i] = alive[i] * purchases;
        });
        return (alive, probability, expected);
    }
}
