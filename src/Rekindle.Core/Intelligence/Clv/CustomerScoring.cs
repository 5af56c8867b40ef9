using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Intelligence.Clv;

/// <summary>One customer's scores.</summary>
/// <param name="CustomerId">As in the summary.</param>
/// <param name="ProbabilityAlive">P(still active at T).</param>
/// <param name="ExpectedPurchases">Conditional expected purchases over <see cref="ScoringOptions.Horizon"/>.</param>
/// <param name="ExpectedOrderValue">Gamma-Gamma expected order value; null without a spend model.</param>
/// <param name="LifetimeValue">Discounted value over <see cref="ScoringOptions.Clv"/>; null without a spend model.</param>
public sealed record CustomerScore(
    string CustomerId,
    double ProbabilityAlive,
    double ExpectedPurchases,
    double? ExpectedOrderValue,
    double? LifetimeValue);

/// <param name="Horizon">For <see cref="CustomerScore.ExpectedPurchases"/>, in the model's time unit (e.g. 90 days).</param>
/// <param name="Clv">Horizon and discounting of the lifetime value.</param>
public sealed record ScoringOptions(double Horizon, ClvOptions Clv);

/// <summary>
/// Scores every customer with a fitted purchase model and, optionally, a spend model. The parts of the predictions
/// that depend on (x, T) only — the expensive, hypergeometric ones — are computed once per distinct (x, T) and
/// shared; customers are scored in parallel.
/// </summary>
public static class CustomerScoring
{
    private const int ChunkSize = 8_192;

    public static CustomerScore[] Score(
        IRepeatPurchaseModel model, GammaGammaModel? spend, IReadOnlyList<CustomerSummary> customers,
        ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(options);
        options.Clv.Validate();
        foreach (var customer in customers)
        {
            GroupedSummaries.Validate(customer.Frequency, customer.Recency, customer.T, customer.CustomerId);
        }

        var shared = SharedParts(model, spend is not null, customers, options);
        var scores = new CustomerScore[customers.Count];
        int chunks = (customers.Count + ChunkSize - 1) / ChunkSize;
        Parallel.For(0, chunks, chunk =>
        {
            int end = Math.Min(customers.Count, (chunk + 1) * ChunkSize);
            for (int i = chunk * ChunkSize; i < end; i++)
            {
                var c = customers[i];
                var (ifAlive, discountedIfAlive) = shared[(c.Frequency, c.T)];
                double alive = model.ProbabilityAlive(c.Frequency, c.Recency, c.T);
                double? orderValue = spend?.ExpectedAverageOrderValue(c.Frequency, (double)c.MonetaryValue);
                scores[i] = new CustomerScore(
                    c.CustomerId,
                    alive,
                    alive * ifAlive,
                    orderValue,
                    orderValue * alive * discountedIfAlive);
            }
        });

        return scores;
    }

    private static Dictionary<(double, double), (double IfAlive, double DiscountedIfAlive)> SharedParts(
        IRepeatPurchaseModel model, bool withValue, IReadOnlyList<CustomerSummary> customers, ScoringOptions options)
    {
        var keys = new HashSet<(double, double)>();
        foreach (var c in customers)
        {
            keys.Add((c.Frequency, c.T));
        }

        var distinct = keys.ToArray();
        var values = new (double, double)[distinct.Length];
        Parallel.For(0, distinct.Length, i =>
        {
            var (x, t) = distinct[i];
            values[i] = (
                model.ExpectedPurchasesIfAlive(options.Horizon, x, t),
                withValue ? LifetimeValue.DiscountedPurchasesIfAlive(model, x, t, options.Clv) : 0);
        });

        var result = new Dictionary<(double, double), (double, double)>(distinct.Length);
        for (int i = 0; i < distinct.Length; i++)
        {
            result.Add(distinct[i], values[i]);
        }

        return result;
    }
}
