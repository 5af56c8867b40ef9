using System.Collections.Immutable;
using Rekindle.Core.Intelligence.Recommendations;
using Rekindle.Storage.Orders;

namespace Rekindle.Engine.Intelligence;

/// <summary>
/// The "bought together" model the server answers recommendation requests from: trained from the orders table
/// on the scoring schedule, on demand, or on the first request. Readers use whichever model was trained last.
/// </summary>
public sealed class Recommendations(OrderStore orders)
{
    private volatile BoughtTogetherModel? _model;

    public async Task<BoughtTogetherModel> TrainAsync(CancellationToken ct)
    {
        var baskets = (await orders.ProductsAsync(null, ct))
            .Select(o => new Basket(o.ContactId, o.OrderId, [.. o.ProductIds]));
        var model = BoughtTogetherModel.Train(PurchaseData.Build(baskets));
        _model = model;
        return model;
    }

    /// <summary>Products for a contact: similar to what it bought, never what it bought, best sellers as filler.</summary>
    public async Task<IReadOnlyList<Recommendation>> ForContactAsync(string contactId, int limit, CancellationToken ct)
    {
        var model = _model ?? await TrainAsync(ct);
        // The contact's own orders are read now, so purchases made since the last training count as bought.
        var bought = (await orders.ProductsAsync(contactId, ct)).SelectMany(o => o.ProductIds).ToImmutableHashSet(StringComparer.Ordinal);
        return model.RecommendForProducts(bought, limit);
    }
}
