using Rekindle.Core.Intelligence.Recommendations;
using Rekindle.Core.Orders;

namespace Rekindle.Core.Tests.Intelligence.Recommendations;

/// <summary>Terse builders: "c1/o1: A B C" style baskets and orders for the small worked examples.</summary>
internal static class Baskets
{
    public static Basket Of(string customer, string order, params string[] products) => new(customer, order, [.. products]);

    public static Order Order(string customer, string order, DateTimeOffset at, params string[] products) =>
        new(order, customer, null, at, "GBP", products.Length, [.. products.Select(p => new OrderLine(p, null, p, 1, 1m, null))]);

    public static string[] Ids(IEnumerable<Recommendation> recommendations) => [.. recommendations.Select(r => r.ProductId)];
}
