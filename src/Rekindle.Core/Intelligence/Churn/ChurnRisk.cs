namespace Rekindle.Core.Intelligence.Churn;

public enum ChurnRisk
{
    Low,
    Medium,
    High,
}

/// <summary>
/// Maps P(alive) to a risk level: High below <paramref name="HighBelow"/>, Medium below
/// <paramref name="MediumBelow"/>, Low otherwise. The defaults are a starting point, not a published standard.
/// </summary>
public sealed record ChurnRiskThresholds(double HighBelow = 0.3, double MediumBelow = 0.7)
{
    public ChurnRisk Classify(double probabilityAlive)
    {
        if (!(HighBelow <= MediumBelow))
        {
            throw new InvalidOperationException($"the high-risk threshold {HighBelow} exceeds the medium one {MediumBelow}");
        }

        if (double.IsNaN(probabilityAlive))
        {
            throw new ArgumentOutOfRangeException(nameof(probabilityAlive), "P(alive) is NaN");
        }

        return probabilityAlive < HighBelow ? ChurnRisk.High
            : probabilityAlive < MediumBelow ? ChurnRisk.Medium
            : ChurnRisk.Low;
    }
}
