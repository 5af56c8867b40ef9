using Rekindle.Core.Intelligence.Rfm;
using Rekindle.Core.Intelligence.Prediction;
using Rekindle.Engine.Intelligence;

namespace Rekindle.Server.Features.Analytics;

/// <summary>What one RFM run produced: the window it looked at, the 5×5 grid (R × FM) and the segment sizes.</summary>
public sealed record RfmRunView(
    DateTimeOffset AsOf, DateTimeOffset ComputedAt, RfmWindowView Window, int Customers, int Changes,
    IReadOnlyList<RfmGridCellView> Grid, IReadOnlyList<RfmSegmentView> Segments)
{
    public static RfmRunView From(RfmRunSummary r) => new(
        r.AsOf, r.ComputedAt, new RfmWindowView(r.Window.Start, r.Window.End), r.Customers, r.Changes,
        [.. r.Grid.Select(c => new RfmGridCellView(c.R, c.Fm, c.Segment, c.Customers, c.Revenue))],
        [.. r.Segments.Select(s => new RfmSegmentView(s.Segment, s.Customers, s.Revenue))]);
}

/// <summary>The orders' period, both ends inclusive.</summary>
public sealed record RfmWindowView(DateTimeOffset Start, DateTimeOffset End);

public sealed record RfmGridCellView(int R, int Fm, string Segment, int Customers, decimal Revenue);

public sealed record RfmSegmentView(string Segment, int Customers, decimal Revenue);

/// <summary>One churn run: the value model (BTYD + Gamma-Gamma) and the risk decision with its backtest.</summary>
/// <param name="Model">The BTYD model behind pAlive, expectedPurchases90d and CLV (<c>Intelligence:ChurnModel</c>).</param>
/// <param name="Converged">Whether that fit converged; risk levels are set either way.</param>
/// <param name="NeedsMoreData">No customer bought twice (or there are no orders): the BTYD model was not fitted.</param>
/// <param name="Risk">How risk levels were set: the backtest of every model, the chosen one and why.</param>
public sealed record ChurnRunView(
    DateTimeOffset AsOf, DateTimeOffset ComputedAt, string Model, IReadOnlyDictionary<string, double> Parameters,
    double LogLikelihood, bool Converged, string? Failure, int Customers, int Changes,
    IReadOnlyDictionary<string, int> RiskLevels, IReadOnlyDictionary<string, double>? SpendParameters, bool NeedsMoreData,
    ChurnRiskView? Risk)
{
    public static ChurnRunView From(ChurnRunSummary r) => new(
        r.AsOf, r.ComputedAt, r.Model, r.Parameters, r.LogLikelihood, r.Converged, r.Failure, r.Customers, r.Changes,
        r.RiskLevels, r.SpendParameters, r.NeedsMoreData, r.Risk is null ? null : ChurnRiskView.From(r.Risk));
}

/// <summary>How the run set risk levels.</summary>
/// <param name="HorizonDays">H: risk is the probability of a purchase within this many days.</param>
/// <param name="Model">The chosen model, or "rule:overdue" when the history was too short for a backtest.</param>
/// <param name="Reason">Why, with every model's and baseline's AUC and the chosen model's margin over each baseline.</param>
/// <param name="BaseRate">The share of customers who bought within H in the backtest window.</param>
/// <param name="HighBelow">Probability below which a customer is high risk (a share of the base rate).</param>
/// <param name="MediumBelow">Probability below which a customer is medium risk.</param>
/// <param name="Importance">For boosted trees: each feature's share of the trees' gain, largest first.</param>
/// <param name="CalibrationRates">The share who bought in each tenth of the chosen model's backtest ranking (lowest first): the probabilities customers get.</param>
public sealed record ChurnRiskView(
    int HorizonDays, string Model, string Reason, bool Fallback, double? BaseRate, double? HighBelow, double? MediumBelow,
    ChurnBacktestView Backtest, IReadOnlyList<FeatureShareView> Importance, IReadOnlyList<double> CalibrationRates,
    IReadOnlyDictionary<string, double> Parameters)
{
    public static ChurnRiskView From(ChurnRiskDecision d) => new(
        d.HorizonDays, d.Model, d.Reason, d.Fallback, d.BaseRate, d.HighBelow, d.MediumBelow, ChurnBacktestView.From(d.Backtest),
        [.. d.Importance.Select(FeatureShareView.From)], d.CalibrationRates, d.Parameters);
}

/// <summary>Every model fitted on what was known at the cut-off (as-of − H), measured on who bought up to the as-of day.</summary>
/// <param name="Customers">Customers with a purchase by the cut-off.</param>
/// <param name="Buyers">How many of them bought in (cut-off, as-of].</param>
public sealed record ChurnBacktestView(DateOnly Cutoff, DateOnly AsOf, int Customers, int Buyers, double BaseRate, IReadOnlyList<BacktestResultView> Results)
{
    public static ChurnBacktestView From(ChurnBacktest b) => new(b.Cutoff, b.AsOf, b.Customers, b.Buyers, b.BaseRate,
        [.. b.Results.Select(r => new BacktestResultView(r.Model, r.Baseline, r.Auc, r.Brier,
            [.. r.Calibration.Select(c => new CalibrationBinView(c.Decile, c.Customers, c.MeanPredicted, c.ActualShare))],
            r.Unavailable, r.Note, r.Parameters, [.. r.Importance.Select(FeatureShareView.From)]))]);
}

/// <summary>One model's (or baseline's) backtest.</summary>
/// <param name="Baseline">recency-only or frequency-only: ranks only, so no Brier score or calibration, never chosen.</param>
/// <param name="Auc">The chance a buyer was ranked above a non-buyer (0.5 = a coin).</param>
/// <param name="Brier">Mean squared error of the probability (lower is better).</param>
/// <param name="Calibration">Ten groups by prediction: mean predicted probability and the share who bought.</param>
/// <param name="Unavailable">Why the model could not be tried (too little history, no fit).</param>
public sealed record BacktestResultView(
    string Model, bool Baseline, double? Auc, double? Brier, IReadOnlyList<CalibrationBinView> Calibration, string? Unavailable, string? Note,
    IReadOnlyDictionary<string, double> Parameters, IReadOnlyList<FeatureShareView> Importance);

public sealed record CalibrationBinView(int Decile, int Customers, double MeanPredicted, double ActualShare);

public sealed record FeatureShareView(string Feature, double Share)
{
    public static FeatureShareView From(FeatureShare share) => new(share.Feature, share.Share);
}
