using Rekindle.Core.Catalog;

namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>
/// Upsell, "the deluxe version": for each product the customer bought that the catalogue knows with a category, a
/// price above zero and a currency, the candidates are the catalogue's products of the same category and currency,
/// in stock, not bought, not excluded, whose price is above <see cref="UpsellOptions.MinPriceRatio"/> and at most
/// <see cref="UpsellOptions.MaxPriceRatio"/> times the bought one's. Best sellers (in stock, not bought, not
/// excluded) fill the rest of the list, and make all of it when nothing the customer bought can be stepped up.
/// </summary>
/// <remarks>
/// The ranking, and why:
/// <list type="number">
/// <item>A genuine step up first: a candidate dearer than everything the customer bought in its category and
/// currency comes before one that is only dearer than some of it. Whoever owns the £50 teapot is not upsold by the
/// £30 one, even though it steps up from the £12 teapot they also bought.</item>
/// <item>Then the more popular (distinct customers in the training orders): that others paid for the step is
/// the best evidence available that it is worth it, and it is what wins ties.</item>
/// <item>Then the smaller step (the lower price over the highest price paid in the category): among products
/// nobody bought yet, the nearer one is the easier yes.</item>
/// <item>Then the product id (ordinal), so that the list is deterministic.</item>
/// </list>
/// A recommendation's score is its price over the highest price the customer paid in its category and currency:
/// above 1 for a genuine step up. Immutable; safe to call from many threads.
/// </remarks>
public sealed class UpsellRecommender : IRecommender
{
    private readonly ProductCatalog _catalog;
    private readonly PurchaseData _data;
    private readonly UpsellOptions _options;

    public UpsellRecommender(ProductCatalog catalog, PurchaseData data, UpsellOptions? options = null)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _data = data ?? throw new ArgumentNullException(nameof(data));
        _options = options ?? UpsellOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MinPriceRatio, 1m, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.MaxPriceRatio, _options.MinPriceRatio, nameof(options));
    }

    /// <summary>Steps up from what the customer bought in the training orders; best sellers for an unknown customer.</summary>
    public IReadOnlyList<Recommendation> Recommend(string customerId, int count, IReadOnlySet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return RecommendForProducts(_data.ProductsOf(customerId), count, exclude);
    }

    /// <summary>For a purchase history given directly, e.g. the customer's own orders read at request time.</summary>
    public IReadOnlyList<Recommendation> RecommendForProducts(IEnumerable<string> boughtProductIds, int count, IReadOnlySet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(boughtProductIds);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var bought = boughtProductIds.Where(id => id is not null).ToHashSet(StringComparer.Ordinal);
        bool Blocked(string id) => bought.Contains(id) || exclude?.Contains(id) == true;

        var list = new List<Recommendation>(count);
        foreach (var (product, step) in Candidates(bought, Blocked).OrderByDescending(c => c.Step > 1m)
            .ThenByDescending(c => Popularity(c.Product.ProductId))
            .ThenBy(c => c.Step)
            .ThenBy(c => c.Product.ProductId, StringComparer.Ordinal)
            .Take(count))
        {
            list.Add(new Recommendation(product.ProductId, (double)step, RecommendationSource.Upsell));
        }

        var chosen = list.Select(r => r.ProductId).ToHashSet(StringComparer.Ordinal);
        _data.FillWithBestSellers(list, count, p =>
        {
            var id = _data.Products[p];
            return Blocked(id) || chosen.Contains(id) || _catalog.OutOfStock.Contains(id);
        });
        return list;
    }

    /// <summary>Each qualifying product, with its price over the highest price paid in its category and currency.</summary>
    private IEnumerable<(CatalogProduct Product, decimal Step)> Candidates(HashSet<string> bought, Func<string, bool> blocked)
    {
        // A product has one category and one currency, so it can qualify in one group only.
        var groups = bought
            .Select(_catalog.Find)
            .OfType<CatalogProduct>()
            .Where(p => p.Price > 0m && !string.IsNullOrWhiteSpace(p.Category) && !string.IsNullOrWhiteSpace(p.Currency))
            .GroupBy(p => (Category: Key(p.Category!), Currency: Key(p.Currency!)));
        foreach (var group in groups)
        {
            var paid = group.Select(a => a.Price!.Value).ToArray();
            var highest = paid.Max();
            foreach (var candidate in _catalog.InCategory(group.Key.Category))
            {
                if (candidate.InStock
                    && candidate.Price is { } price
                    && candidate.Currency is not null
                    && Key(candidate.Currency) == group.Key.Currency
                    && !blocked(candidate.ProductId)
                    && paid.Any(a => price > _options.MinPriceRatio * a && price <= _options.MaxPriceRatio * a))
                {
                    yield return (candidate, price / highest);
                }
            }
        }
    }

    /// <summary>Categories and currency codes as the catalogue matches them: trimmed, any case.</summary>
    private static string Key(string text) => text.Trim().ToUpperInvariant();

    private int Popularity(string productId) =>
        _data.ProductIndex.TryGetValue(productId, out var p) ? _data.CustomerCounts[p] : 0;
}
