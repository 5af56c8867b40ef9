using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Prediction;

namespace Rekindle.Core.Tests.Intelligence.Prediction;

public sealed class RiskBandsTests
{
    // A shop where 40 % buy within H: high below 0.2, medium below 0.4.
    private static readonly RiskBands Bands = RiskBands.FromBaseRate(0.4, new ChurnPredictionOptions());

    [Theory]
    [InlineData(0.19, ChurnRisk.High)]
    [InlineData(0.2, ChurnRisk.Medium)]
    [InlineData(0.39, ChurnRisk.Medium)]
    [InlineData(0.4, ChurnRisk.Low)]
    public void Classify_AgainstTheShopsBaseRate(double probability, ChurnRisk expected)
    {
        Assert.Equal(0.2, Bands.HighBelow, 12);
        Assert.Equal(0.4, Bands.MediumBelow, 12);
        Assert.Equal(expected, Bands.Classify(probability));
    }

    [Theory]
    // Low stays low until the probability falls below 0.4 · 0.9 = 0.36 ...
    [InlineData(ChurnRisk.Low, 0.37, ChurnRisk.Low)]
    [InlineData(ChurnRisk.Low, 0.35, ChurnRisk.Medium)]
    // ... and medium becomes low only from 0.4 · 1.1 = 0.44 on.
    [InlineData(ChurnRisk.Medium, 0.43, ChurnRisk.Medium)]
    [InlineData(ChurnRisk.Medium, 0.441, ChurnRisk.Low)]
    // Medium becomes high below 0.18, high becomes medium from 0.22.
    [InlineData(ChurnRisk.Medium, 0.19, ChurnRisk.Medium)]
    [InlineData(ChurnRisk.Medium, 0.17, ChurnRisk.High)]
    [InlineData(ChurnRisk.High, 0.21, ChurnRisk.High)]
    [InlineData(ChurnRisk.High, 0.3, ChurnRisk.Medium)]
    // A jump over a whole band moves all the way.
    [InlineData(ChurnRisk.High, 0.9, ChurnRisk.Low)]
    [InlineData(ChurnRisk.Low, 0.01, ChurnRisk.High)]
    public void Assign_WithHysteresis_KeepsTheLevelNearABoundary(ChurnRisk previous, double probability, ChurnRisk expected)
    {
        Assert.Equal(expected, Bands.Assign(probability, previous, hysteresis: 0.1));
    }

    [Fact]
    public void Assign_WithoutAPreviousLevel_PlainClassification()
    {
        Assert.Equal(ChurnRisk.Medium, Bands.Assign(0.37, null, 0.1));
    }

    [Theory]
    [InlineData(0.5, null, ChurnRisk.Low)]
    [InlineData(1.0, null, ChurnRisk.Medium)]
    [InlineData(2.0, null, ChurnRisk.High)]
    // Medium → high only from 2 · 1.1 = 2.2 expected gaps overdue; high → medium only below 2 · 0.9 = 1.8.
    [InlineData(2.1, ChurnRisk.Medium, ChurnRisk.Medium)]
    [InlineData(2.2, ChurnRisk.Medium, ChurnRisk.High)]
    [InlineData(1.85, ChurnRisk.High, ChurnRisk.High)]
    [InlineData(1.7, ChurnRisk.High, ChurnRisk.Medium)]
    public void OverdueBands_Assign(double overdue, ChurnRisk? previous, ChurnRisk expected)
    {
        Assert.Equal(expected, new OverdueBands().Assign(overdue, previous, 0.1));
    }
}
