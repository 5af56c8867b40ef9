namespace Rekindle.Testing;

/// <summary>Order files used by more than one test project.</summary>
public static class SampleOrders
{
    /// <summary>
    /// The example of the generic layout in docs/import.md: order 1001 of c-17 (ann.lee@example.com, 2024-03-01
    /// 09:15 UTC, EUR 54.90, two lines) and order 1002 of c-42 (bob@example.com, 2024-03-02 18:00 UTC, EUR 89.70).
    /// </summary>
    public const string GenericDocsExample = """
        order_id,customer_id,email,timestamp,currency,product_id,sku,name,category,quantity,unit_price
        1001,c-17,Ann.Lee@Example.com,2024-03-01T10:15:00+01:00,EUR,p-1,SKU-1,"Espresso cups, set of 2",Kitchen,2,12.50
        1001,c-17,,2024-03-01T10:15:00+01:00,EUR,p-7,SKU-7,Water filter,Kitchen,1,29.90
        1002,c-42,bob@example.com,2024-03-02T18:00:00Z,eur,p-7,SKU-7,Water filter,Kitchen,3,29.90
        """;
}
