namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// A way of predicting who buys within the horizon that the backtest can try on the shop's own history: BG/NBD,
/// Pareto/NBD, or a model learnt from the shop's past. It sees only a <see cref="HistoryView"/>, so whatever it
/// fits at a cut-off knows nothing after it.
/// </summary>
public interface IPurchaseModel
{
    /// <summary>The name the run, the report and each contact's <c>model</c> show ("bg-nbd", "pareto-nbd", "boosted-trees").</summary>
    string Name { get; }

    /// <summary>
    /// Fits on what <paramref name="view"/> knows and predicts, for every one of its customers, the probability of at
    /// least one purchase in the <paramref name="horizonDays"/> days after <see cref="HistoryView.KnownThrough"/>.
    /// </summary>
    PurchaseForecast Predict(HistoryView view, int horizonDays);
}

/// <summary>What a model predicted for a view's customers, by row, or why it could not.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Probability">P(a purchase within the horizon), by row of the view; empty when <paramref name="Unavailable"/>.</param>
/// <param name="ExpectedPurchases">Expected purchase days within the horizon, by row.</param>
/// <param name="Parameters">The fitted parameters by name, for the report.</param>
/// <param name="Importance">For a learnt model: which features carry the prediction, largest share first.</param>
/// <param name="Unavailable">Why the model could not be fitted here (too little history, no convergence).</param>
/// <param name="Note">Something the report should say about an available fit (e.g. a parameter at its limit).</param>
public sealed record PurchaseForecast(
    string Model, double[] Probability, double[] ExpectedPurchases, IReadOnlyDictionary<string, double> Parameters,
    IReadOnlyList<FeatureShare> Importance, string? Unavailable, string? Note = null)
{
    public bool Available => Unavailable is null;

    public static PurchaseForecast NotAvailable(string model, string reason) =>
        new(model, [], [], new Dictionary<string, double>(), [], reason);
}

/// <summary>One feature's share of a learnt model's total gain (shares sum to 1).</summary>
public sealed record FeatureShare(string Feature, double Share);
