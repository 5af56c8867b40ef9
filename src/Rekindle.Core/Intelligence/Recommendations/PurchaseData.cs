using System.Collections.Frozen;

namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>
/// Training orders reduced to integer indices: the distinct products of each order, the distinct products of each
/// customer and the best-seller ranking. Built once and shared by the recommenders trained on it; immutable.
/// </summary>
/// <remarks>
/// Products are indexed in ordinal order of their ids, so ties broken by index are ties broken by id and every
/// result is deterministic. Baskets with the same order id are merged (an order split over two sources is one order).
/// </remarks>
public sealed class PurchaseData
{
    private PurchaseData(
        string[] products,
        FrozenDictionary<string, int> productIndex,
        int[][] orders,
        FrozenDictionary<string, int[]> customers,
        int[] customerCounts,
        int[] bestSellers)
    {
        Products = products;
        ProductIndex = productIndex;
        Orders = orders;
        Customers = customers;
        CustomerCounts = customerCounts;
        BestSellers = bestSellers;
    }

    public int ProductCount => Products.Length;

    public int OrderCount => Orders.Length;

    public int CustomerCount => Customers.Count;

    /// <summary>Product ids by index.</summary>
    internal string[] Products { get; }

    internal FrozenDictionary<string, int> ProductIndex { get; }

    /// <summary>Per order, its distinct product indices, ascending.</summary>
    internal int[][] Orders { get; }

    /// <summary>Per customer, the distinct product indices they bought, ascending.</summary>
    internal FrozenDictionary<string, int[]> Customers { get; }

    /// <summary>Per product index, how many distinct customers bought it.</summary>
    internal int[] CustomerCounts { get; }

    /// <summary>Product indices by distinct customers, most first; ties by product id.</summary>
    internal int[] BestSellers { get; }

    /// <param name="isProduct">Which ids are products (default <see cref="ProductCodes.Any"/>); other lines are ignored.</param>
    public static PurchaseData Build(IEnumerable<Basket> baskets, Func<string, bool>? isProduct = null)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        isProduct ??= ProductCodes.Any;
        var orderProducts = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var customerProducts = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var productIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var basket in baskets)
        {
            HashSet<string>? order = null;
            HashSet<string>? customer = null;
            foreach (var id in basket.ProductIds)
            {
                if (!isProduct(id))
                {
                    continue;
                }

                order ??= GetOrAdd(orderProducts, basket.OrderId);
                customer ??= GetOrAdd(customerProducts, basket.CustomerId);
                order.Add(id);
                customer.Add(id);
                productIds.Add(id);
            }
        }

        var products = productIds.Order(StringComparer.Ordinal).ToArray();
        var index = products.Select((id, i) => KeyValuePair.Create(id, i)).ToFrozenDictionary(StringComparer.Ordinal);
        int[] ToIndices(HashSet<string> ids)
        {
            var result = ids.Select(id => index[id]).ToArray();
            Array.Sort(result);
            return result;
        }

        var orders = orderProducts.Values.Select(ToIndices).ToArray();
        var customers = customerProducts.ToFrozenDictionary(c => c.Key, c => ToIndices(c.Value), StringComparer.Ordinal);
        var counts = new int[products.Length];
        foreach (var bought in customers.Values)
        {
            foreach (var p in bought)
            {
                counts[p]++;
            }
        }

        var bestSellers = Enumerable.Range(0, products.Length).OrderByDescending(p => counts[p]).ThenBy(p => p).ToArray();
        return new PurchaseData(products, index, orders, customers, counts, bestSellers);
    }

    /// <summary>The products a customer bought in the training orders (empty when unknown), in id order.</summary>
    public IReadOnlyList<string> ProductsOf(string customerId) =>
        Customers.TryGetValue(customerId, out var bought) ? [.. bought.Select(p => Products[p])] : [];

    /// <summary>
    /// Appends best sellers that are not <paramref name="blocked"/> (nor already in the list) until the list holds
    /// <paramref name="count"/>: the whole list for a new customer, the filler when similar items run out.
    /// </summary>
    internal void FillWithBestSellers(List<Recommendation> list, int count, Func<int, bool> blocked)
    {
        foreach (var p in BestSellers)
        {
            if (list.Count >= count)
            {
                return;
            }

            if (!blocked(p))
            {
                list.Add(new Recommendation(Products[p], CustomerCounts[p], RecommendationSource.BestSeller));
            }
        }
    }

    /// <summary>The customer's products and the excluded ones, as a test on product indices.</summary>
    internal Func<int, bool> Blocked(IReadOnlyCollection<int> bought, IReadOnlySet<string>? exclude)
    {
        var excluded = new HashSet<int>(bought);
        if (exclude is not null)
        {
            foreach (var id in exclude)
            {
                if (ProductIndex.TryGetValue(id, out var p))
                {
                    excluded.Add(p);
                }
            }
        }

        return excluded.Contains;
    }

    private static HashSet<string> GetOrAdd(Dictionary<string, HashSet<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            map.Add(key, set);
        }

        return set;
    }
}
