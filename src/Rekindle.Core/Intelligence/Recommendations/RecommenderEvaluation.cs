using Rekindle.Core.Catalog;
using Rekindle.Core.Orders;

namespace Rekindle.Core.Intelligence.Recommendations;

/// <param name="K">The length of each recommendation list (the @K of the measures).</param>
/// <param name="IsProduct">Which product ids count, in training and in the truth (default <see cref="ProductCodes.Any"/>).</param>
public sealed record RecommenderEvaluationOptions(
    int K = 10,
    Func<string, bool>? IsProduct = null,
    BoughtTogetherOptions? BoughtTogether = null,
    SimilarCustomersOptions? SimilarCustomers = null);

/// <summary>A customer's truth after the cut-off: the products they bought then and had not bought before.</summary>
public sealed record EvaluationCase(string CustomerId, IReadOnlySet<string> NewProducts);

/// <param name="HitRate">Share of the customers with at least one of their new products among the K recommended.</param>
/// <param name="Recall">
/// Mean over the customers of (new products recommended) / (new products): a macro average, so each customer
/// weighs the same whether they bought 2 new products or 200.
/// </param>
public sealed record RecommenderScore(double HitRate, double Recall, int CustomersHit);

/// <param name="CustomersEvaluated">Customers with orders on both sides of the cut-off and at least one new product after it.</param>
/// <param name="CustomersOnlyRepeating">
/// Customers with orders on both sides whose later products were all bought before: left out, because no
/// recommender that rightly excludes past purchases could hit them, and counting them would only dilute both scores.
/// </param>
public sealed record RecommenderEvaluationResult(
    DateTimeOffset Cutoff,
    int K,
    int TrainingOrders,
    int TrainingProducts,
    int CustomersEvaluated,
    int CustomersOnlyRepeating,
    RecommenderScore BoughtTogether,
    RecommenderScore SimilarCustomers,
    RecommenderScore BestSellers);

/// <summary>
/// Offline evaluation by time split: train on the orders before the cut-off, recommend K products to every
/// customer who ordered on both sides of it, and compare with what they bought after it. "Bought together",
/// "customers like you" and the best-seller baseline are trained on the same orders and scored on the same
/// customers in one run, so their figures compare directly.
/// </summary>
public static class RecommenderEvaluation
{
    /// <summary>
    /// The products of <paramref name="orders"/> as the server judges them when no catalogue is uploaded: named and
    /// priced by the orders, bookkeeping lines left out (<see cref="ProductCodes.IsBookkeeping"/>).
    /// </summary>
    public static RecommendableProducts ProductsOf(IEnumerable<Order> orders, IEnumerable<string>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var seen = CatalogFromOrders.Build(orders.Select(o => new ProductSales(o.Timestamp, o.Currency, o.Lines)));
        return new RecommendableProducts(new ProductCatalog(seen), excluded ?? []);
    }

    public static RecommenderEvaluationResult Run(IEnumerable<Order> orders, DateTimeOffset cutoff, RecommenderEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        options ??= new RecommenderEvaluationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.K, 1);
        var isProduct = options.IsProduct ?? ProductCodes.Any;
        var before = new List<Basket>();
        var after = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            if (order.Timestamp < cutoff)
            {
                before.Add(Basket.FromOrder(order));
                continue;
            }

            if (!after.TryGetValue(order.CustomerId, out var later))
            {
                later = new HashSet<string>(StringComparer.Ordinal);
                after.Add(order.CustomerId, later);
            }

            later.UnionWith(order.Lines.Select(l => l.ProductId).Where(isProduct));
        }

        var data = PurchaseData.Build(before, isProduct);
        var customersBefore = before.Select(b => b.CustomerId).ToHashSet(StringComparer.Ordinal);
        var cases = new List<EvaluationCase>();
        var onlyRepeating = 0;
        foreach (var (customer, later) in after.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (!customersBefore.Contains(customer))
            {
                continue;
            }

            later.ExceptWith(data.ProductsOf(customer));
            if (later.Count == 0)
            {
                onlyRepeating++;
            }
            else
            {
                cases.Add(new EvaluationCase(customer, later));
            }
        }

        var boughtTogether = BoughtTogetherModel.Train(data, options.BoughtTogether);
        var similarCustomers = SimilarCustomersModel.Train(data, options.SimilarCustomers);
        return new RecommenderEvaluationResult(
            cutoff,
            options.K,
            data.OrderCount,
            data.ProductCount,
            cases.Count,
            onlyRepeating,
            Score(boughtTogether, cases, options.K),
            Score(similarCustomers, cases, options.K),
            Score(new BestSellerRecommender(data), cases, options.K));
    }

    /// <summary>Hit rate@K and recall@K of one recommender over the given customers (zeros when there are none).</summary>
    public static RecommenderScore Score(IRecommender recommender, IReadOnlyList<EvaluationCase> cases, int k)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(cases);
        var hits = new int[cases.Count];
        var recalls = new double[cases.Count];
        Parallel.For(0, cases.Count, c =>
        {
            var truth = cases[c].NewProducts;
            var found = recommender.Recommend(cases[c].CustomerId, k).Count(r => truth.Contains(r.ProductId));
            hits[c] = found > 0 ? 1 : 0;
            recalls[c] = truth.Count == 0 ? 0 : (double)found / truth.Count;
        });

        return cases.Count == 0
            ? new RecommenderScore(0, 0, 0)
            : new RecommenderScore((double)hits.Sum() / cases.Count, recalls.Average(), hits.Sum());
    }
}
