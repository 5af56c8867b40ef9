using System.Text;
using Rekindle.Core.Orders;
using static Rekindle.Core.Tests.Orders.Imports;

namespace Rekindle.Core.Tests.Orders;

public sealed class GenericImportTests
{
    // The example of docs/import.md, verbatim.
    public const string DocsExample = """
        order_id,customer_id,email,timestamp,currency,product_id,sku,name,category,quantity,unit_price
        1001,c-17,Ann.Lee@Example.com,2024-03-01T10:15:00+01:00,EUR,p-1,SKU-1,"Espresso cups, set of 2",Kitchen,2,12.50
        1001,c-17,,2024-03-01T10:15:00+01:00,EUR,p-7,SKU-7,Water filter,Kitchen,1,29.90
        1002,c-42,bob@example.com,2024-03-02T18:00:00Z,eur,p-7,SKU-7,Water filter,Kitchen,3,29.90

        """;

    [Fact]
    public void ReadAll_DocsExample_GivesTheDocumentedOrders()
    {
        var result = Run(DocsExample, OrderCsvFormat.Generic);

        Assert.Equal(
            [
                new Order("1001", "c-17", "ann.lee@example.com", Utc(2024, 3, 1, 9, 15), "EUR", 54.90m,
                [
                    new OrderLine("p-1", "SKU-1", "Espresso cups, set of 2", 2, 12.50m, "Kitchen"),
                    new OrderLine("p-7", "SKU-7", "Water filter", 1, 29.90m, "Kitchen"),
                ]),
                new Order("1002", "c-42", "bob@example.com", Utc(2024, 3, 2, 18, 0), "EUR", 89.70m,
                    [new OrderLine("p-7", "SKU-7", "Water filter", 3, 29.90m, "Kitchen")]),
            ],
            result.Orders.Select(o => o.Order));
        Assert.Empty(result.Skipped);
        Assert.Equal((3L, 3L, 2), (result.Summary.RowsRead, result.Summary.RowsInOrders, result.Summary.DistinctCustomers));
    }

    [Fact]
    public void ReadAll_DocsExample_MatchesTheDocument()
    {
        var docs = File.ReadAllText(Path.Combine(Rekindle.Testing.RepositoryRoot.Path, "docs", "import.md"));

        Assert.Contains("```csv\n" + DocsExample + "```", docs, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_ColumnsInAnyOrderAndCase_SkuAsKeyAndUnknownColumnsListed()
    {
        var result = Run("""
            Quantity,SKU,Unit_Price,Shipping_City,CURRENCY,Timestamp,Customer_Id,Order_Id
            2,SKU-9,3.5,Berlin,EUR,2024-03-01,c-1,o-1
            """, OrderCsvFormat.Generic);

        Assert.Equal(
            new Order("o-1", "c-1", null, Utc(2024, 3, 1, 0, 0), "EUR", 7m, [new OrderLine("SKU-9", "SKU-9", "", 2, 3.5m, null)]),
            result.Order("o-1"));
        Assert.Equal(["Shipping_City"], result.Summary.IgnoredColumns.ToArray());
    }

    [Theory]
    [InlineData("2024-03-01T10:15:00.123-05:00", 2024, 3, 1, 15, 15, 123)]
    [InlineData("2024-03-01T10:15:00Z", 2024, 3, 1, 10, 15, 0)]
    [InlineData("2024-03-01T10:15:00", 2024, 3, 1, 10, 15, 0)]
    [InlineData("2024-03-01 10:15", 2024, 3, 1, 10, 15, 0)]
    [InlineData("2024-03-01T00:30+02:00", 2024, 2, 29, 22, 30, 0)]
    public void ReadAll_IsoTimestamp_IsConvertedToUtc(string text, int y, int mo, int d, int h, int mi, int ms)
    {
        var result = Run($"order_id,customer_id,timestamp,currency,product_id,quantity,unit_price\no,c,{text},EUR,p,1,1\n",
            OrderCsvFormat.Generic);

        var timestamp = result.Order("o").Timestamp;
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, 0, ms, TimeSpan.Zero), timestamp);
        Assert.Equal(TimeSpan.Zero, timestamp.Offset);
    }

    [Theory]
    [InlineData("01/03/2024", "EUR", "", "timestamp")]
    [InlineData("2024-03-01T25:00:00Z", "EUR", "", "timestamp")]
    [InlineData("2024-03-01", "EURO", "", "currency")]
    [InlineData("2024-03-01", "", "", "currency")]
    [InlineData("2024-03-01", "EUR", "not-an-email", "email")]
    public void ReadAll_BadValue_IsMalformedNamingColumnAndValue(string timestamp, string currency, string email, string column)
    {
        var result = Run(
            $"order_id,customer_id,email,timestamp,currency,product_id,quantity,unit_price\no,c,{email},{timestamp},{currency},p,1,1\n",
            OrderCsvFormat.Generic);

        var skipped = Assert.Single(result.Skipped);
        Assert.Equal((2L, OrderSkipReason.Malformed, column), (skipped.Line, skipped.Reason, skipped.Column));
        var value = column switch { "timestamp" => timestamp, "currency" => currency, _ => email };
        Assert.Equal(value, skipped.Value);
        Assert.Empty(result.Orders);
    }

    [Fact]
    public void ReadAll_OrderTotal_IsTheAmountAndMustAgreeWithinTheOrder()
    {
        var result = Run("""
            order_id,customer_id,timestamp,currency,product_id,quantity,unit_price,order_total
            o-1,c,2024-03-01,EUR,p1,1,10,18.00
            o-1,c,2024-03-01,EUR,p2,1,10,
            o-2,c,2024-03-01,EUR,p1,1,10,9
            o-2,c,2024-03-01,EUR,p2,1,10,8
            o-3,c,2024-03-01,EUR,p1,1,10,-1
            """, OrderCsvFormat.Generic);

        Assert.Equal(18.00m, result.Order("o-1").Total);
        Assert.Equal(
            [(4L, OrderSkipReason.OrderRejected), (5L, OrderSkipReason.Malformed), (6L, OrderSkipReason.Malformed)],
            result.SkipLines());
        Assert.Equal("order_total \"8\" differs from \"9\" on line 4 of the same order o-2", result.Skipped[1].Detail);
        Assert.Single(result.Orders);
    }

    [Fact]
    public void ReadAll_EmailOnSomeRowsOnly_IsTheOrdersEmail()
    {
        var result = Run("""
            order_id,customer_id,email,timestamp,currency,product_id,quantity,unit_price
            o,c,,2024-03-01,EUR,p1,1,10
            o,c,Ann@Shop.com,2024-03-01,EUR,p2,1,10
            """, OrderCsvFormat.Generic);

        Assert.Equal("ann@shop.com", result.Order("o").Email);
    }

    [Fact]
    public void ReadAll_NoCustomerId_SkipsTheRowAsMissingCustomer()
    {
        var result = Run("""
            order_id,customer_id,email,timestamp,currency,product_id,quantity,unit_price
            o,,guest@shop.com,2024-03-01,EUR,p1,1,10
            """, OrderCsvFormat.Generic);

        Assert.Equal([(2L, OrderSkipReason.MissingCustomer)], result.SkipLines());
    }

    [Theory]
    [InlineData("order_id,customer_id,timestamp,currency,quantity,unit_price",
        "This is not the generic layout: the header lacks product_id or sku "
        + "(found: order_id, customer_id, timestamp, currency, quantity, unit_price).")]
    [InlineData("order_id,customer_id,timestamp,currency,sku,quantity,unit_price,SKU",
        "The header names the column SKU twice (fields 5 and 8).")]
    public void ReadAll_BadHeader_Throws(string header, string message)
    {
        var importer = new OrderCsvImporter(new MemoryStream(Encoding.UTF8.GetBytes(header + "\n")), OrderCsvFormat.Generic);

        var error = Assert.Throws<OrderCsvHeaderException>(() => importer.ReadAll().ToList());

        Assert.Equal(message, error.Message);
    }
}
