using System.Collections.Frozen;
using System.Runtime.InteropServices;

namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>
/// "Customers like you" (user-based collaborative filtering): two customers are alike when they bought the same
/// products, measured by the cosine of their customer × product incidence vectors,
/// sim(u, v) = |products of u ∩ products of v| / √(|products of u| · |products of v|). The
/// <see cref="SimilarCustomersOptions.Neighbours"/> most alike customers who have something the customer has not
/// bought are kept, and a product is scored by the summed similarity of the neighbours who bought it. What the
/// customer bought and what is excluded is left out; best sellers fill the list (and make all of it for a
/// customer unknown to the training orders).
/// </summary>
/// <remarks>
/// Why cosine: the shared count alone favours customers with huge histories (on Online Retail, wholesalers with
/// a thousand products share something with everybody); dividing by both sizes asks how much of each history the
/// other covers. Weighting shared products by rarity (IDF, ln(1 + customers / buyers)) was tried and lost on Online
/// Retail (see BENCHMARKS.md), so every product counts the same.
/// Neighbours are found at request time through a product → customers inverted index, so a history given directly
/// (<see cref="RecommendForProducts"/>: a customer whose orders came after training) costs the same as a trained
/// one: Σ over their products of that product's buyers. A neighbour whose products the customer all bought already
/// is skipped rather than kept: it could not add a single candidate and would only take the place of one that can
/// (it is also how the customer's own training history, seen again in a later one, stays out of its neighbours).
/// Ties go to the lower index, i.e. the ordinal-first customer or product id, and sums run in index order, so the
/// same input gives the same list. Immutable after <see cref="Train"/>; safe to call from many threads.
/// </remarks>
public sealed class SimilarCustomersModel : IRecommender
{
    private readonly PurchaseData _data;
    private readonly SimilarCustomersOptions _options;
    private readonly string[] _customerIds;
    private readonly FrozenDictionary<string, int> _customerIndex;
    private readonly int[][] _productsOf;
    private readonly int[][] _customersOf;
    private readonly double[] _norms;

    private SimilarCustomersModel(
        PurchaseData data,
        SimilarCustomersOptions options,
        string[] customerIds,
        FrozenDictionary<string, int> customerIndex,
        int[][] productsOf,
        int[][] customersOf,
        double[] norms)
    {
        _data = data;
        _options = options;
        _customerIds = customerIds;
        _customerIndex = customerIndex;
        _productsOf = productsOf;
        _customersOf = customersOf;
        _norms = norms;
    }

    public PurchaseData Data => _data;

    public static SimilarCustomersModel Train(PurchaseData data, SimilarCustomersOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= SimilarCustomersOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Neighbours, 1);
        var ids = data.Customers.Keys.Order(StringComparer.Ordinal).ToArray();
        var customerIndex = ids.Select((id, c) => KeyValuePair.Create(id, c)).ToFrozenDictionary(StringComparer.Ordinal);
        var productsOf = ids.Select(id => data.Customers[id]).ToArray();
        var customersOf = InvertedIndex(productsOf, data.ProductCount);
        var norms = productsOf.Select(bought => Math.Sqrt(bought.Length)).ToArray();
        return new SimilarCustomersModel(data, options, ids, customerIndex, productsOf, customersOf, norms);
    }

    public IReadOnlyList<Recommendation> Recommend(string customerId, int count, IReadOnlySet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return _customerIndex.TryGetValue(customerId, out var c)
            ? Recommend(_productsOf[c], c, count, exclude)
            : Recommend([], -1, count, exclude);
    }

    /// <summary>
    /// For a purchase history given directly (products unknown to the training orders are ignored): for customers
    /// whose orders came after the model was trained. Neighbours are found among the training customers.
    /// </summary>
    public IReadOnlyList<Recommendation> RecommendForProducts(IEnumerable<string> boughtProductIds, int count, IReadOnlySet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(boughtProductIds);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var bought = new SortedSet<int>();
        foreach (var id in boughtProductIds)
        {
            if (id is not null && _data.ProductIndex.TryGetValue(id, out var p))
            {
                bought.Add(p);
            }
        }

        return Recommend([.. bought], -1, count, exclude);
    }

    /// <summary>The neighbours a customer with these products gets, most alike first (ties by customer id).</summary>
    public IReadOnlyList<SimilarCustomer> NeighboursOf(IEnumerable<string> boughtProductIds)
    {
        ArgumentNullException.ThrowIfNull(boughtProductIds);
        var bought = boughtProductIds.Where(id => id is not null && _data.ProductIndex.ContainsKey(id))
            .Select(id => _data.ProductIndex[id]).Distinct().Order().ToArray();
        return [.. Neighbours(bought, -1).Select(n => new SimilarCustomer(_customerIds[n.Customer], n.Similarity))];
    }

    /// <param name="bought">The customer's product indices, ascending.</param>
    /// <param name="self">The customer's own index in training, or -1: never their own neighbour.</param>
    private IReadOnlyList<Recommendation> Recommend(int[] bought, int self, int count, IReadOnlySet<string>? exclude)
    {
        var blocked = _data.Blocked(bought, exclude);
        var scores = new Dictionary<int, double>();
        foreach (var (v, similarity) in Neighbours(bought, self))
        {
            foreach (var p in _productsOf[v])
            {
                if (!blocked(p))
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(scores, p, out _) += similarity;
                }
            }
        }

        var list = scores
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key)
            .Take(count)
            .Select(s => new Recommendation(_data.Products[s.Key], s.Value, RecommendationSource.SimilarCustomers))
            .ToList();
        var chosen = new HashSet<int>(list.Select(r => _data.ProductIndex[r.ProductId]));
        _data.FillWithBestSellers(list, count, p => blocked(p) || chosen.Contains(p));
        return list;
    }

    private List<(int Customer, double Similarity)> Neighbours(int[] bought, int self)
    {
        var norm = Math.Sqrt(bought.Length);
        var shared = new Dictionary<int, int>();
        foreach (var p in bought)
        {
            foreach (var v in _customersOf[p])
            {
                if (v != self)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(shared, v, out _)++;
                }
            }
        }

        var candidates = new List<(int Customer, double Similarity)>(shared.Count);
        foreach (var (v, count) in shared)
        {
            if (count < _productsOf[v].Length)
            {
                candidates.Add((v, count / (norm * _norms[v])));
            }
        }

        candidates.Sort((a, b) => a.Similarity != b.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Customer.CompareTo(b.Customer));
        if (candidates.Count > _options.Neighbours)
        {
            candidates.RemoveRange(_options.Neighbours, candidates.Count - _options.Neighbours);
        }

        return candidates;
    }

    private static int[][] InvertedIndex(int[][] productsOf, int products)
    {
        var sizes = new int[products];
        foreach (var bought in productsOf)
        {
            foreach (var p in bought)
            {
                sizes[p]++;
            }
        }

        var index = sizes.Select(n => new int[n]).ToArray();
        Array.Clear(sizes);
        for (var c = 0; c < productsOf.Length; c++)
        {
            foreach (var p in productsOf[c])
            {
                index[p][sizes[p]++] = c;
            }
        }

        return index;
    }
}
