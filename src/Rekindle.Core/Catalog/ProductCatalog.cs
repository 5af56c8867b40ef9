using System.Collections.Frozen;

namespace Rekindle.Core.Catalog;

/// <summary>
/// The shop's catalogue as an immutable lookup: a product by id, the products of a category, the ids that cannot be
/// sold now. Built once from the catalogue store and shared by every request; safe to read from many threads.
/// </summary>
/// <remarks>
/// When an id appears more than once the last entry wins, as a later row of a feed updates an earlier one.
/// Categories are matched ignoring case and surrounding spaces ("Mugs", "mugs ") because shops type them by hand in
/// more than one place; product ids are matched exactly, as orders and events carry them.
/// </remarks>
public sealed class ProductCatalog
{
    private readonly FrozenDictionary<string, CatalogProduct> _byId;
    private readonly FrozenDictionary<string, CatalogProduct[]> _byCategory;

    public ProductCatalog(IEnumerable<CatalogProduct> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        var byId = new Dictionary<string, CatalogProduct>(StringComparer.Ordinal);
        foreach (var product in products)
        {
            ArgumentNullException.ThrowIfNull(product, nameof(products));
            if (string.IsNullOrEmpty(product.ProductId))
            {
                throw new ArgumentException("A catalogue product needs a product id.", nameof(products));
            }

            byId[product.ProductId] = product;
        }

        var ordered = byId.Values.OrderBy(p => p.ProductId, StringComparer.Ordinal).ToArray();
        Products = ordered;
        _byId = byId.ToFrozenDictionary(StringComparer.Ordinal);
        _byCategory = ordered
            .Where(p => !string.IsNullOrWhiteSpace(p.Category))
            .GroupBy(p => CategoryKey(p.Category!), StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        OutOfStock = ordered.Where(p => !p.InStock).Select(p => p.ProductId).ToFrozenSet(StringComparer.Ordinal);
    }

    public static ProductCatalog Empty { get; } = new([]);

    /// <summary>
    /// This catalogue with the products it does not know added from <paramref name="seenInOrders"/>
    /// (<see cref="CatalogFromOrders"/>): an entry the shop uploaded always wins whole over what the orders say.
    /// </summary>
    public ProductCatalog WithFallback(IEnumerable<CatalogProduct> seenInOrders)
    {
        ArgumentNullException.ThrowIfNull(seenInOrders);
        return new ProductCatalog(seenInOrders.Where(p => !_byId.ContainsKey(p.ProductId)).Concat(Products));
    }

    public int Count => Products.Count;

    /// <summary>Every product, in ordinal order of id.</summary>
    public IReadOnlyList<CatalogProduct> Products { get; }

    /// <summary>
    /// The ids of the products the shop marked out of stock: what a recommender's exclude set needs. A product
    /// missing from the catalogue is not in it (see <see cref="CatalogProduct.InStock"/>).
    /// </summary>
    public IReadOnlySet<string> OutOfStock { get; }

    /// <summary>The product with this id, or null when the catalogue does not know it.</summary>
    public CatalogProduct? Find(string productId)
    {
        ArgumentNullException.ThrowIfNull(productId);
        return _byId.GetValueOrDefault(productId);
    }

    /// <summary>The products of a category (in stock or not), in ordinal order of id; empty for an unknown or blank one.</summary>
    public IReadOnlyList<CatalogProduct> InCategory(string? category) =>
        !string.IsNullOrWhiteSpace(category) && _byCategory.TryGetValue(CategoryKey(category), out var products) ? products : [];

    private static string CategoryKey(string category) => category.Trim();
}
