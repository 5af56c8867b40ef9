namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// How likely a customer is to be lost, in order of severity. The level comes from the probability of buying within
/// the horizon against the shop's own base rate (<see cref="Prediction.RiskBands"/>), or from the fallback rule.
/// </summary>
public enum ChurnRisk
{
    Low,
    Medium,
    High,
}
