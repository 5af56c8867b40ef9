using Rekindle.Core.Orders;

namespace Rekindle.Core.Catalog;

/// <summary>The lines of one order as the catalogue learns from them: when, in which currency, what was sold.</summary>
public sealed record ProductSales(DateTimeOffset At, string Currency, IReadOnlyList<OrderLine> Lines);

/// <summary>
/// What a shop's orders say about its products, for shops that upload no catalogue (or not every product): the
/// latest name, the latest price with its order's currency and the latest category each product was sold under.
/// </summary>
/// <remarks>
/// "Latest" is by order time, and by source order within one time. A blank name, a blank category or a price of 0 says
/// nothing (an event line without a price is stored with 0), so an older value stays. Such a product is in stock as far
/// as anyone knows and has no url or image: only an uploaded catalogue knows those.
/// </remarks>
public static class CatalogFromOrders
{
    public static IReadOnlyList<CatalogProduct> Build(IEnumerable<ProductSales> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var seen = new Dictionary<string, Seen>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            foreach (var line in order.Lines)
            {
                if (!seen.TryGetValue(line.ProductId, out var product))
                {
                    product = new Seen();
                    seen.Add(line.ProductId, product);
                }

                product.Take(order, line);
            }
        }

        return [.. seen.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.ToProduct(p.Key))];
    }

    private sealed class Seen
    {
        private (DateTimeOffset At, string Value)? _name;
        private (DateTimeOffset At, decimal Price, string Currency)? _price;
        private (DateTimeOffset At, string Value)? _category;

        public void Take(ProductSales order, OrderLine line)
        {
            var at = order.At;
            if (!string.IsNullOrWhiteSpace(line.Name) && (_name is null || at >= _name.Value.At))
            {
                _name = (at, line.Name.Trim());
            }

            if (line.UnitPrice > 0m && (_price is null || at >= _price.Value.At))
            {
                _price = (at, line.UnitPrice, order.Currency);
            }

            if (!string.IsNullOrWhiteSpace(line.Category) && (_category is null || at >= _category.Value.At))
            {
                _category = (at, line.Category.Trim());
            }
        }

        public CatalogProduct ToProduct(string productId) => new(
            productId, _name?.Value, _category?.Value, _price?.Price, _price?.Currency, InStock: true, Url: null, ImageUrl: null);
    }
}
