using System.Collections.Immutable;
using Rekindle.Core.Orders;

namespace Rekindle.Core.Intelligence.Recommendations;

/// <summary>What the recommenders learn from: which products one customer bought together in one order.</summary>
/// <param name="ProductIds">Repeats are allowed (an order may list a product twice); they count once.</param>
public sealed record Basket(string CustomerId, string OrderId, ImmutableArray<string> ProductIds)
{
    public static Basket FromOrder(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new Basket(order.CustomerId, order.OrderId, [.. order.Lines.Select(l => l.ProductId)]);
    }
}
