using System.Collections.Frozen;
using Rekindle.Core.Catalog;

namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>
/// Which product ids may be recommended: not one the shop listed as excluded, and not a bookkeeping line by
/// <see cref="ProductCodes.IsBookkeeping"/> judged on what the catalogue knows of it (its name and price).
/// </summary>
public sealed class RecommendableProducts
{
    private readonly ProductCatalog _catalog;
    private readonly FrozenSet<string> _listed;

    /// <param name="excluded">Product ids never to recommend (<c>Recommendations:ExcludedProducts</c>), matched exactly.</param>
    public RecommendableProducts(ProductCatalog catalog, IEnumerable<string> excluded)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(excluded);
        _catalog = catalog;
        _listed = excluded.ToFrozenSet(StringComparer.Ordinal);
        NotProducts = catalog.Products.Where(p => !IsProduct(p.ProductId)).Select(p => p.ProductId).Concat(_listed)
            .ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The catalogue's bookkeeping lines and the listed ids: what a recommender's exclude set needs.</summary>
    public IReadOnlySet<string> NotProducts { get; }

    public bool IsProduct(string productId)
    {
        if (string.IsNullOrEmpty(productId) || _listed.Contains(productId))
        {
            return false;
        }

        var known = _catalog.Find(productId);
        return !ProductCodes.IsBookkeeping(productId, known?.Name, known?.Price);
    }
}
