using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Tests.Intelligence.Churn;

/// <summary>
/// The model report on CDNOW as Fader, Hardie &amp; Lee use it: calibration to 1997-09-30 (39 weeks), holdout the
/// next 39 weeks to 1998-06-30.
/// </summary>
public sealed class CalibrationHoldoutTests
{
    private static readonly DateOnly CalibrationEnd = new(1997, 9, 30);
    private static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    [Fact]
    public void Run_CdnowSample_PublishedParametersAndHoldoutActualsCountedFromTheFile()
    {
        var transactions = CdnowData.Sample().Select(t => new Transaction(t.CustomerId, t.Date, t.Amount)).ToList();

        var report = CalibrationHoldout.Run(transactions, CalibrationEnd, HoldoutEnd);

        // EXPECTED.md §1: r, α, a, b = 0.243, 4.414, 0.793, 2.426 (lifetimes: |Δ| < 1.5e-2); LL −9582.4 (rel 0.001).
        Assert.True(report.Converged, report.Failure);
        Assert.Equal(0.243, report.Parameters["r"], 0.015);
        Assert.Equal(4.414, report.Parameters["alpha"], 0.015);
        Assert.Equal(0.793, report.Parameters["a"], 0.015);
        Assert.Equal(2.426, report.Parameters["b"], 0.015);
        Assert.Equal(-9582.4, report.LogLikelihood, 9.5824);
        Assert.Equal(39, report.HoldoutWeeks, 1e-12);
        Assert.Equal(2_357, report.Customers);
        // SOURCE.md: 1,411 of the 2,357 customers made no repeat purchase in the calibration period.
        Assert.Equal(1_411, report.Groups[0].Customers);
        Assert.Equal(2_357, report.Groups.Sum(g => g.Customers));
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7+"], report.Groups.Select(g => g.Label));

        // Actuals counted here the plainest way: distinct purchase days per customer in (calibration end, holdout end].
        var holdout = transactions.Where(t => t.Date > CalibrationEnd && t.Date <= HoldoutEnd)
            .GroupBy(t => t.CustomerId).ToDictionary(g => g.Key, g => g.Select(t => t.Date).Distinct().Count());
        Assert.Equal(holdout.Values.Sum(), report.ActualTotal);
        var repeats = transactions.Where(t => t.Date <= CalibrationEnd).GroupBy(t => t.CustomerId)
            .ToDictionary(g => g.Key, g => Math.Min(7, g.Select(t => t.Date).Distinct().Count() - 1));
        for (var group = 0; group <= 7; group++)
        {
            var members = repeats.Where(kv => kv.Value == group).Select(kv => kv.Key).ToList();
            Assert.Equal(members.Count, report.Groups[group].Customers);
            Assert.Equal(members.Average(id => holdout.GetValueOrDefault(id)), report.Groups[group].ActualMean, 1e-12);
        }

        Assert.Equal(report.Groups.Sum(g => g.PredictedMean * g.Customers), report.PredictedTotal, 1e-6);
    }

    [Fact]
    public void Run_HoldoutNotAfterCalibration_SaysWhichDatesAreWrong()
    {
        var error = Assert.Throws<ArgumentException>(() => CalibrationHoldout.Run([], HoldoutEnd, CalibrationEnd));

        Assert.Equal("the holdout end (1997-09-30) must come after the calibration end (1998-06-30)", error.Message);
    }
}
