namespace Rekindle.Learning.Tests;

/// <summary>The rank-based AUC helper the learner's tests rely on, on cases whose AUC is known by hand.</summary>
public class KnownSignalTests
{
    [Fact]
    public void Auc_PerfectRanking_IsOne() =>
        Assert.Equal(1.0, KnownSignal.Auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]));

    [Fact]
    public void Auc_ReversedRanking_IsZero() =>
        Assert.Equal(0.0, KnownSignal.Auc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]));

    [Fact]
    public void Auc_OneTieAcrossClasses_CountsHalf() =>
        // Pairs (positive, negative): (0.5, 0.1) won, (0.5, 0.5) tied, (0.9, 0.1) won, (0.9, 0.5) won: 3.5 of 4.
        Assert.Equal(0.875, KnownSignal.Auc([0.1, 0.5, 0.5, 0.9], [false, false, true, true]));
}
