using System.Collections.Immutable;
using Rekindle.Core.Catalog;
using Rekindle.Core.Intelligence.Recommendations;
using Rekindle.Storage.Catalog;
using Rekindle.Storage.Orders;

namespace Rekindle.Engine.Intelligence;

/// <summary>Which recommender answers a request.</summary>
public enum RecommendationKind
{
    BoughtTogether,
    SimilarCustomers,
    Upsell,
}

/// <summary>A recommendation with what the catalogue says about the product; null when the catalogue does not know it.</summary>
public sealed record RecommendedProduct(Recommendation Recommendation, CatalogProduct? Product);

/// <summary>What a training run learned from: orders, products and customers in them, and products in the catalogue.</summary>
public sealed record RecommendationTraining(int Orders, int Products, int Customers, int CatalogProducts);

/// <summary>
/// The recommenders the server answers from: "bought together" and "customers like you" trained from the orders table
/// (one <see cref="PurchaseData"/> for both) on the scoring schedule, on demand, or on the first request; upsell and
/// the out-of-stock exclusion from the catalogue. Readers use whatever was trained or loaded last.
/// </summary>
/// <remarks>
/// The catalogue changes far more often than it is worth retraining (a stock feed may run every few minutes), so
/// it is cached apart from the models and reloaded on the next request after this process committed a catalogue
/// write (<see cref="CatalogStore.Version"/>), and on every training. A write through another server process is
/// seen at the next training: there is no cross-node notification yet.
/// </remarks>
public sealed class Recommendations(OrderStore orders, CatalogStore catalog)
{
    // One training and one catalogue load at a time: a burst of first requests, or of requests after a stock
    // change, must not read the whole orders table or catalogue once each.
    private readonly SemaphoreSlim _training = new(1, 1);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile TrainedModels? _models;
    private volatile LoadedCatalog? _catalog;

    public async Task<RecommendationTraining> TrainAsync(CancellationToken ct)
    {
        TrainedModels models;
        await _training.WaitAsync(ct);
        try
        {
            models = await TrainLockedAsync(ct);
        }
        finally
        {
            _training.Release();
        }

        var products = await CatalogAsync(reload: true, ct);
        var data = models.Data;
        return new RecommendationTraining(data.OrderCount, data.ProductCount, data.CustomerCount, products.Count);
    }

    /// <summary>Trains now if the orders table has any order; null (nothing trained) when it has none.</summary>
    public async Task<RecommendationTraining?> TrainIfOrdersAsync(CancellationToken ct) =>
        (await orders.TotalsAsync(ct)).Orders > 0 ? await TrainAsync(ct) : null;

    /// <summary>
    /// Products for a contact from the recommender of <paramref name="kind"/>, best sellers as filler; never what the
    /// contact bought nor what the catalogue marks out of stock.
    /// </summary>
    /// <param name="alsoBought">
    /// Products to treat as bought: what is in the cart when an abandoned-cart email asks ("goes well with your cart",
    /// and never the cart's own products).
    /// </param>
    public async Task<IReadOnlyList<RecommendedProduct>> ForContactAsync(
        string contactId, RecommendationKind kind, int limit, CancellationToken ct, IEnumerable<string>? alsoBought = null)
    {
        var models = await ModelsAsync(ct);
        var products = await CatalogAsync(reload: false, ct);
        // The contact's own orders are read now, so purchases made since the last training count as bought.
        var bought = (await orders.ProductsAsync(contactId, ct)).SelectMany(o => o.ProductIds).Concat(alsoBought ?? [])
            .ToImmutableHashSet(StringComparer.Ordinal);
        var outOfStock = products.OutOfStock;
        var list = kind switch
        {
            RecommendationKind.BoughtTogether => models.BoughtTogether.RecommendForProducts(bought, limit, outOfStock),
            RecommendationKind.SimilarCustomers => models.SimilarCustomers.RecommendForProducts(bought, limit, outOfStock),
            // Built per request: it only holds references, and this way it always pairs the latest catalogue with the latest orders.
            RecommendationKind.Upsell => new UpsellRecommender(products, models.Data).RecommendForProducts(bought, limit, outOfStock),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a recommendation kind"),
        };
        return [.. list.Select(r => new RecommendedProduct(r, products.Find(r.ProductId)))];
    }

    private async Task<TrainedModels> ModelsAsync(CancellationToken ct)
    {
        if (_models is { } trained)
        {
            return trained;
        }

        await _training.WaitAsync(ct);
        try
        {
            return _models ?? await TrainLockedAsync(ct);
        }
        finally
        {
            _training.Release();
        }
    }

    private async Task<TrainedModels> TrainLockedAsync(CancellationToken ct)
    {
        var baskets = (await orders.ProductsAsync(null, ct))
            .Select(o => new Basket(o.ContactId, o.OrderId, [.. o.ProductIds]));
        var data = PurchaseData.Build(baskets);
        var models = new TrainedModels(data, BoughtTogetherModel.Train(data), SimilarCustomersModel.Train(data));
        _models = models;
        return models;
    }

    private async Task<ProductCatalog> CatalogAsync(bool reload, CancellationToken ct)
    {
        if (!reload && _catalog is { } cached && cached.Version == catalog.Version)
        {
            return cached.Products;
        }

        await _loading.WaitAsync(ct);
        try
        {
            // The version is read before the rows: a write committed after this read may or may not be in them, and
            // either way the version it bumped differs from the one stored here, so the next request loads again.
            var version = catalog.Version;
            if (!reload && _catalog is { } loaded && loaded.Version == version)
            {
                return loaded.Products;
            }

            var products = new ProductCatalog(await catalog.AllAsync(ct));
            _catalog = new LoadedCatalog(products, version);
            return products;
        }
        finally
        {
            _loading.Release();
        }
    }

    private sealed record TrainedModels(PurchaseData Data, BoughtTogetherModel BoughtTogether, SimilarCustomersModel SimilarCustomers);

    private sealed record LoadedCatalog(ProductCatalog Products, long Version);
}
