using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Intelligence.Clv;

/// <summary>
/// Customer lifetime value over a horizon, by discounted cash flow in discrete steps (the method of lifetimes'
/// <c>customer_lifetime_value</c>):
/// <code>
/// CLV = E[order value] · Σ_{k=1..K} ( E[Y(kΔ)] − E[Y((k−1)Δ)] ) / (1 + d)^k
/// </code>
/// where E[Y(t)] is the model's conditional expected number of purchases in (T, T + t], Δ the step length and d the
/// discount rate per step: the purchases expected in step k are valued at the expected order value and discounted
/// to today as if paid at the end of the step. Because E[Y(t)] = P(alive) · E[Y(t) | alive] for both BG/NBD and
/// Pareto/NBD, the sum is P(alive) times a part that depends on (x, T) only, which batch scoring can share.
/// </summary>
public static class LifetimeValue
{
    public static double Compute(
        IRepeatPurchaseModel model, double frequency, double recency, double t, double expectedOrderValue,
        ClvOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        return expectedOrderValue * model.ProbabilityAlive(frequency, recency, t)
            * DiscountedPurchasesIfAlive(model, frequency, t, options);
    }

    /// <summary>Σ_k (E[Y(kΔ) | alive] − E[Y((k−1)Δ) | alive]) / (1 + d)^k for a customer alive at T.</summary>
    public static double DiscountedPurchasesIfAlive(IRepeatPurchaseModel model, double frequency, double t, ClvOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        double sum = 0;
        double previous = 0;
        double discount = 1;
        for (int k = 1; k <= options.Steps; k++)
        {
            double cumulative = model.ExpectedPurchasesIfAlive(k * options.StepLength, frequency, t);
            discount /= 1 + options.DiscountRatePerStep;
            sum += (cumulative - previous) * discount;
            previous = cumulative;
        }

        return sum;
    }
}
