using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Tests.Intelligence.Churn;

public class ChurnRiskThresholdsTests
{
    [Theory]
    [InlineData(0.0, ChurnRisk.High)]
    [InlineData(0.29, ChurnRisk.High)]
    [InlineData(0.3, ChurnRisk.Medium)]
    [InlineData(0.69, ChurnRisk.Medium)]
    [InlineData(0.7, ChurnRisk.Low)]
    [InlineData(1.0, ChurnRisk.Low)]
    public void Classify_DefaultThresholds_GivesTheLevel(double probabilityAlive, ChurnRisk expected)
    {
        Assert.Equal(expected, new ChurnRiskThresholds().Classify(probabilityAlive));
    }

    [Fact]
    public void Classify_ConfiguredThresholds_AreUsed()
    {
        Assert.Equal(ChurnRisk.High, new ChurnRiskThresholds(HighBelow: 0.5, MediumBelow: 0.9).Classify(0.45));
    }

    [Fact]
    public void Classify_HighAboveMedium_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new ChurnRiskThresholds(HighBelow: 0.8, MediumBelow: 0.5).Classify(0.6));
    }
}
