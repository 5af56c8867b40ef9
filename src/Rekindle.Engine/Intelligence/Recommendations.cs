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

/// <summary>
/// What a training run learned from: orders, products and customers in them, products in the uploaded catalogue,
/// products known only from the orders (their name and last price), and ids left out as not products.
/// </summary>
public sealed record RecommendationTraining(int Orders, int Products, int Customers, int CatalogProducts, int ProductsFromOrders, int ExcludedProducts);

/// <summary>
/// The recommenders the server answers from: "bought together" and "customers like you" trained from the orders table
/// (one <see cref="PurchaseData"/> for both) on the scoring schedule, on demand, or on the first request; upsell and
/// the out-of-stock exclusion from the catalogue. Readers use whatever was trained or loaded last.
/// </summary>
/// <remarks>
/// The catalogue they answer with is the uploaded one, filled with the products the orders name that it does not
/// know (<see cref="CatalogFromOrders"/>, learned at each training): an uploaded entry always wins. Bookkeeping lines
/// (<see cref="ProductCodes.IsBookkeeping"/>) and <see cref="RecommendationOptions.ExcludedProducts"/> are left out
/// of training and of every answer.
/// </remarks>
/// <remarks>
/// The uploaded catalogue changes far more often than it is worth retraining (a stock feed may run every few minutes), so
/// it is cached apart from the models and reloaded on the next request after this process committed a catalogue
/// write (<see cref="CatalogStore.Version"/>), and on every training. A write through another server process is
/// seen at the next training: there is no cross-node notification yet.
/// </remarks>
public sealed class Recommendations(OrderStore orders, CatalogStore catalog, RecommendationOptions options)
{
    private static readonly IReadOnlyList<CatalogProduct> NothingSeen = [];

    // One training and one catalogue load at a time: a burst of first requests, or of requests after a stock
    // change, must not read the whole orders table or catalogue once each.
    private readonly SemaphoreSlim _training = new(1, 1);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile TrainedModels? _models;
    private volatile LoadedCatalog? _catalog;
    private volatile CatalogView? _view;

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

        var uploaded = await UploadedAsync(reload: true, ct);
        var view = View(uploaded, models);
        var data = models.Data;
        return new RecommendationTraining(data.OrderCount, data.ProductCount, data.CustomerCount, uploaded.Count,
            view.Products.Count - uploaded.Count, view.Filter.NotProducts.Count);
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
        var view = View(await UploadedAsync(reload: false, ct), models);
        var products = view.Products;
        // The contact's own orders are read now, so purchases made since the last training count as bought.
        var bought = (await orders.ProductsAsync(contactId, ct)).SelectMany(o => o.ProductIds).Concat(alsoBought ?? [])
            .ToImmutableHashSet(StringComparer.Ordinal);
        var excluded = view.Excluded;
        var list = kind switch
        {
            RecommendationKind.BoughtTogether => models.BoughtTogether.RecommendForProducts(bought, limit, excluded),
            RecommendationKind.SimilarCustomers => models.SimilarCustomers.RecommendForProducts(bought, limit, excluded),
            // Built per request: it only holds references, and this way it always pairs the latest catalogue with the latest orders.
            RecommendationKind.Upsell => new UpsellRecommender(products, models.Data).RecommendForProducts(bought, limit, excluded),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a recommendation kind"),
        };
        return [.. list.Select(r => new RecommendedProduct(r, products.Find(r.ProductId)))];
    }

    /// <summary>
    /// The catalogue emails show products from (cart lines and recommendations): the uploaded one filled with what the
    /// orders say; trains first when nothing was trained yet, as a recommendation request does.
    /// </summary>
    public async Task<ProductCatalog> CatalogAsync(CancellationToken ct)
    {
        var models = await ModelsAsync(ct);
        return View(await UploadedAsync(reload: false, ct), models).Products;
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
        var stored = await orders.ProductsAsync(null, ct);
        var seen = CatalogFromOrders.Build(stored.Select(o => new ProductSales(o.OrderedAt, o.Currency, o.Lines)));
        // Judged on the catalogue as it is now; a later upload that renames a product is judged again at request time.
        var filter = new RecommendableProducts((await UploadedAsync(reload: false, ct)).WithFallback(seen), options.ExcludedProducts);
        var baskets = stored.Select(o => new Basket(o.ContactId, o.OrderId, [.. o.ProductIds]));
        var data = PurchaseData.Build(baskets, filter.IsProduct);
        var models = new TrainedModels(data, BoughtTogetherModel.Train(data), SimilarCustomersModel.Train(data), seen);
        _models = models;
        return models;
    }

    /// <summary>The uploaded catalogue joined with what the models' orders say, rebuilt when either changes.</summary>
    private CatalogView View(ProductCatalog uploaded, TrainedModels? models)
    {
        var seen = models?.Seen ?? NothingSeen;
        if (_view is { } view && ReferenceEquals(view.Uploaded, uploaded) && ReferenceEquals(view.Seen, seen))
        {
            return view;
        }

        var products = uploaded.WithFallback(seen);
        var filter = new RecommendableProducts(products, options.ExcludedProducts);
        view = new CatalogView(uploaded, seen, products, filter, [.. products.OutOfStock.Concat(filter.NotProducts)]);
        _view = view;
        return view;
    }

    private async Task<ProductCatalog> UploadedAsync(bool reload, CancellationToken ct)
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

    private sealed record TrainedModels(
        PurchaseData Data, BoughtTogetherModel BoughtTogether, SimilarCustomersModel SimilarCustomers, IReadOnlyList<CatalogProduct> Seen);

    /// <param name="Excluded">What no answer may hold: out of stock, or not a product.</param>
    private sealed record CatalogView(
        ProductCatalog Uploaded, IReadOnlyList<CatalogProduct> Seen, ProductCatalog Products, RecommendableProducts Filter,
        ImmutableHashSet<string> Excluded);

    private sealed record LoadedCatalog(ProductCatalog Products, long Version);
}
