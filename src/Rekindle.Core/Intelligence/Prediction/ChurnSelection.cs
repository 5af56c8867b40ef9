using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>One customer's churn prediction at the as-of day.</summary>
/// <param name="Probability">Calibrated P(a purchase within H); null under the fallback rule.</param>
/// <param name="ExpectedPurchases">Expected purchase days within H; null under the fallback rule.</param>
/// <param name="Rhythm">The customer's own rhythm; null when no gap can be estimated.</param>
public sealed record ChurnPrediction(string CustomerId, double? Probability, double? ExpectedPurchases, PurchaseRhythm? Rhythm, ChurnRisk Risk);

/// <summary>What one churn run decided: the backtest, the model it chose and why, and every customer's prediction.</summary>
/// <param name="Model">The chosen model's name, or <see cref="ChurnSelector.FallbackRule"/>.</param>
/// <param name="Reason">Why, in a sentence the report shows.</param>
/// <param name="BaseRate">The share of customers who bought within H in the backtest; null under the fallback rule.</param>
/// <param name="Bands">The probability boundaries of the risk levels; null under the fallback rule.</param>
/// <param name="CalibrationRates">The observed buying rate by decile of the chosen model's backtest ranking, non-decreasing.</param>
public sealed record ChurnSelection(
    ChurnBacktest Backtest, int HorizonDays, string Model, string Reason, bool Fallback, double? BaseRate, RiskBands? Bands,
    IReadOnlyList<ChurnPrediction> Predictions, IReadOnlyList<FeatureShare> Importance, IReadOnlyList<double> CalibrationRates,
    IReadOnlyDictionary<string, double> Parameters);
