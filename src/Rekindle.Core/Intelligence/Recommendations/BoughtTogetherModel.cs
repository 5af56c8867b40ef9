using System.Collections.Concurrent;

namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>
/// Item-to-item "bought together": two products are similar when they appear in the same orders, measured by the
/// cosine of their order-incidence vectors, sim(i, j) = c(i, j) / √(n(i) · n(j)), where c counts the orders holding
/// both (once per order, however many lines) and n the orders holding each. A customer's candidates are scored by
/// the summed similarity to every product they bought; what they bought and what is excluded is left out, and best
/// sellers fill the list when the neighbours run out (and make the whole list for a new customer).
/// </summary>
/// <remarks>
/// Why cosine rather than the raw count: c(i, j) is largest for whatever sells most, so raw counts recommend the
/// best sellers to everybody. Dividing by √n(j) takes the popularity of the candidate out, and dividing by √n(i)
/// makes a product's neighbours comparable with another's when they are summed. Lift (c·N / n(i)·n(j)) goes too
/// far the other way, ranking rare products with one lucky co-occurrence first; cosine with a minimum
/// co-occurrence is the usual middle ground (Linden, Smith and York's item-to-item collaborative filtering).
/// Training costs Σ over orders of (distinct products)², done product by product over an inverted index with
/// one dense counter per thread, so memory stays at products × <see cref="BoughtTogetherOptions.MaxNeighbours"/>.
/// </remarks>
public sealed class BoughtTogetherModel : IRecommender
{
    private readonly PurchaseData _data;
    private readonly int[][] _neighbours;
    private readonly float[][] _similarities;

    private BoughtTogetherModel(PurchaseData data, int[][] neighbours, float[][] similarities)
    {
        _data = data;
        _neighbours = neighbours;
        _similarities = similarities;
    }

    public PurchaseData Data => _data;

    public static BoughtTogetherModel Train(PurchaseData data, BoughtTogetherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= BoughtTogetherOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxNeighbours);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinCoOccurrence, 1);
        var products = data.ProductCount;
        var ordersOf = InvertedIndex(data.Orders, products);
        var neighbours = new int[products][];
        var similarities = new float[products][];
        var scratch = new ConcurrentBag<Counter>();
        Parallel.For(
            0,
            products,
            () => scratch.TryTake(out var c) ? c : new Counter(products),
            (i, _, counter) =>
            {
                (neighbours[i], similarities[i]) = Neighbours(i, data.Orders, ordersOf, counter, options);
                return counter;
            },
            scratch.Add);
        return new BoughtTogetherModel(data, neighbours, similarities);
    }

    /// <summary>The products most often bought with <paramref name="productId"/>, most similar first.</summary>
    public IReadOnlyList<Recommendation> SimilarTo(string productId)
    {
        ArgumentNullException.ThrowIfNull(productId);
        if (!_data.ProductIndex.TryGetValue(productId, out var i))
        {
            return [];
        }

        return [.. _neighbours[i].Select((j, k) =>
            new Recommendation(_data.Products[j], _similarities[i][k], RecommendationSource.BoughtTogether))];
    }

    public IReadOnlyList<Recommendation> Recommend(string customerId, int count, IReadOnlySet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var bought = _data.Customers.TryGetValue(customerId, out var history) ? history : [];
        return Recommend(bought, count, exclude);
    }

    /// <summary>
    /// For a purchase history given directly (products unknown to the training orders are ignored): for customers
    /// whose orders came after the model was trained.
    /// </summary>
    public IReadOnlyList<Recommendation> RecommendForProducts(IEnumerable<string> boughtProductIds, int count, IReadOnlySet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(boughtProductIds);
        var bought = new HashSet<int>();
        foreach (var id in boughtProductIds)
        {
            if (_data.ProductIndex.TryGetValue(id, out var p))
            {
                bought.Add(p);
            }
        }

        return Recommend(bought, count, exclude);
    }

    private IReadOnlyList<Recommendation> Recommend(IReadOnlyCollection<int> bought, int count, IReadOnlySet<string>? exclude)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var blocked = _data.Blocked(bought, exclude);
        var scores = new Dictionary<int, double>();
        foreach (var i in bought)
        {
            var near = _neighbours[i];
            var sims = _similarities[i];
            for (var k = 0; k < near.Length; k++)
            {
                if (!blocked(near[k]))
                {
                    scores[near[k]] = scores.GetValueOrDefault(near[k]) + sims[k];
                }
            }
        }

        var list = scores
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key)
            .Take(count)
            .Select(s => new Recommendation(_data.Products[s.Key], s.Value, RecommendationSource.BoughtTogether))
            .ToList();
        var chosen = new HashSet<int>(list.Select(r => _data.ProductIndex[r.ProductId]));
        _data.FillWithBestSellers(list, count, p => blocked(p) || chosen.Contains(p));
        return list;
    }

    private static int[][] InvertedIndex(int[][] orders, int products)
    {
        var sizes = new int[products];
        foreach (var order in orders)
        {
            foreach (var p in order)
            {
                sizes[p]++;
            }
        }

        var index = sizes.Select(n => new int[n]).ToArray();
        Array.Clear(sizes);
        for (var o = 0; o < orders.Length; o++)
        {
            foreach (var p in orders[o])
            {
                index[p][sizes[p]++] = o;
            }
        }

        return index;
    }

    private static (int[] Neighbours, float[] Similarities) Neighbours(
        int i, int[][] orders, int[][] ordersOf, Counter counter, BoughtTogetherOptions options)
    {
        foreach (var o in ordersOf[i])
        {
            foreach (var j in orders[o])
            {
                if (j != i)
                {
                    counter.Add(j);
                }
            }
        }

        var candidates = new List<(float Similarity, int Product)>();
        foreach (var j in counter.Touched)
        {
            var together = counter.Counts[j];
            if (together >= options.MinCoOccurrence)
            {
                candidates.Add(((float)(together / Math.Sqrt((double)ordersOf[i].Length * ordersOf[j].Length)), j));
            }
        }

        counter.Reset();
        candidates.Sort((a, b) => a.Similarity != b.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Product.CompareTo(b.Product));
        var kept = Math.Min(candidates.Count, options.MaxNeighbours);
        return ([.. candidates.Take(kept).Select(c => c.Product)], [.. candidates.Take(kept).Select(c => c.Similarity)]);
    }

    /// <summary>A dense co-occurrence counter reused across products; only touched slots are reset.</summary>
    private sealed class Counter(int size)
    {
        public int[] Counts { get; } = new int[size];

        public List<int> Touched { get; } = [];

        public void Add(int j)
        {
            if (Counts[j]++ == 0)
            {
                Touched.Add(j);
            }
        }

        public void Reset()
        {
            foreach (var j in Touched)
            {
                Counts[j] = 0;
            }

            Touched.Clear();
        }
    }
}
