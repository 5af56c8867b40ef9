using Rekindle.Core.Intelligence.Prediction;

namespace Rekindle.Core.Tests.Intelligence.Prediction;

public sealed class RankCalibrationTests
{
    [Fact]
    public void From_RatesThatDip_PooledIntoANonDecreasingCurve()
    {
        // Groups of 10, 10 and 20 customers buying at 0.2, 0.4, 0.1: the last two violate the order and are pooled
        // into (0.4·10 + 0.1·20) / 30 = 0.2, which then ties with the first.
        var calibration = RankCalibration.From([Bin(1, 10, 0.2), Bin(2, 10, 0.4), Bin(3, 20, 0.1)]);

        Assert.Equal([0.2, 0.2, 0.2], calibration.Rates.Select(r => Math.Round(r, 12)));
    }

    [Fact]
    public void Apply_InterpolatesBetweenGroupCentresByRank()
    {
        // Two groups of equal size: centres at quantiles 0.25 and 0.75, rates 0.1 and 0.5.
        var calibration = RankCalibration.From([Bin(1, 50, 0.1), Bin(2, 50, 0.5)]);

        // Four scores: mid-rank quantiles 0.125, 0.375, 0.625, 0.875 → 0.1 (below the first centre), 0.2, 0.4, 0.5.
        var probabilities = calibration.Apply([40.0, 10.0, 30.0, 20.0]);

        Assert.Equal([0.5, 0.1, 0.4, 0.2], probabilities.Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void Apply_TiedScores_ShareTheRateOfTheirMiddlePlace()
    {
        var calibration = RankCalibration.From([Bin(1, 50, 0.1), Bin(2, 50, 0.5)]);

        // All four tied: middle place 0.5 → halfway between the centres.
        Assert.All(calibration.Apply([7.0, 7.0, 7.0, 7.0]), p => Assert.Equal(0.3, p, 12));
    }

    [Fact]
    public void Apply_SameRankingDifferentScale_SameProbabilities()
    {
        var calibration = RankCalibration.From([Bin(1, 30, 0.05), Bin(2, 30, 0.3), Bin(3, 40, 0.8)]);
        double[] scores = [0.01, 0.3, 0.02, 0.9, 0.5];

        Assert.Equal(calibration.Apply(scores), calibration.Apply(scores.Select(s => Math.Sqrt(s) * 10).ToArray()));
    }

    private static CalibrationBin Bin(int decile, int customers, double share) => new(decile, customers, share, share);
}
