namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// A fitted "buy till you die" model (BG/NBD or Pareto/NBD). Arguments are a customer's frequency x, recency t_x
/// and age T, and horizons t, all in the time unit the model was fitted in.
/// </summary>
public interface IRepeatPurchaseModel
{
    /// <summary>Log-likelihood of one customer's (x, t_x, T).</summary>
    double LogLikelihood(double frequency, double recency, double t);

    /// <summary>P(the customer is still active at T | x, t_x, T).</summary>
    double ProbabilityAlive(double frequency, double recency, double t);

    /// <summary>
    /// Expected purchases in (T, T + horizon] for a customer known to be alive at T. It does not depend on the
    /// recency, so batch scoring can share it between customers with the same (x, T).
    /// </summary>
    double ExpectedPurchasesIfAlive(double horizon, double frequency, double t);

    /// <summary>
    /// P(at least one purchase in (T, T + horizon]) for a customer known to be alive at T. Like
    /// <see cref="ExpectedPurchasesIfAlive"/> it does not depend on the recency; times P(alive) it is the probability
    /// that the customer buys within the horizon, the quantity churn risk is decided on.
    /// </summary>
    double ProbabilityOfPurchaseIfAlive(double horizon, double frequency, double t);

    /// <summary>Expected purchases in (T, T + horizon] given the history: P(alive) × <see cref="ExpectedPurchasesIfAlive"/>.</summary>
    double ConditionalExpectedPurchases(double horizon, double frequency, double recency, double t);

    /// <summary>Expected purchases in (0, horizon] of a customer just acquired (unconditional).</summary>
    double ExpectedPurchases(double horizon);
}
