using Rekindle.Core.Intelligence.Recommendations;
using Rekindle.Core.Orders;
using Rekindle.Testing;

namespace Rekindle.Core.Tests.Intelligence.Recommendations;

/// <summary>The bookkeeping rule on the real Online Retail file: exactly its non-product lines, and no product.</summary>
public sealed class OnlineRetailProductRuleTests
{
    [Fact]
    public void ProductsOf_OnlineRetailOrders_ExcludesExactlyPostageFeesManualAndPlaceholders()
    {
        List<Order> orders;
        using (var file = File.OpenRead(SharedData.File("online_retail", "online_retail.csv.gz")))
        {
            orders = [.. new OrderCsvImporter(file, OrderCsvFormat.OnlineRetail).ReadAll().OfType<ImportedOrder>().Select(i => i.Order)];
        }

        var products = RecommenderEvaluation.ProductsOf(orders);

        // 3,665 distinct codes on customers' orders; the eight left out, checked by hand against the file's descriptions:
        // postage (POST, DOT), carriage (C2, 23444 "Next Day Carriage"), fees (BANK CHARGES, 23574 "PACKING CHARGE"),
        // manual lines (M) and the £0.001 placeholder PADS. Every other code is a product.
        Assert.Equal(3665, orders.SelectMany(o => o.Lines).Select(l => l.ProductId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["23444", "23574", "BANK CHARGES", "C2", "DOT", "M", "PADS", "POST"], products.NotProducts.Order(StringComparer.Ordinal));
    }
}
