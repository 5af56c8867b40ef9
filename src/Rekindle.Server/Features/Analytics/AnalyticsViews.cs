using Rekindle.Core.Intelligence.Rfm;
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

/// <summary>The fitted models of one churn run.</summary>
/// <param name="NeedsMoreData">No customer bought twice: no model was fitted.</param>
public sealed record ChurnRunView(
    DateTimeOffset AsOf, DateTimeOffset ComputedAt, string Model, IReadOnlyDictionary<string, double> Parameters,
    double LogLikelihood, bool Converged, string? Failure, int Customers, int Changes,
    IReadOnlyDictionary<string, int> RiskLevels, IReadOnlyDictionary<string, double>? SpendParameters, bool NeedsMoreData)
{
    public static ChurnRunView From(ChurnRunSummary r) => new(
        r.AsOf, r.ComputedAt, r.Model, r.Parameters, r.LogLikelihood, r.Converged, r.Failure, r.Customers, r.Changes,
        r.RiskLevels, r.SpendParameters, r.NeedsMoreData);
}
