using System.Net;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Analytics;

/// <summary>
/// A server with a small shop whose recommendations can be worked out by hand: three groups of customers that share
/// no product (so no model links them), their orders imported, a catalogue put, and the recommenders trained once.
/// Only the best-seller filler spans the groups: s-a, bought by 5 customers, is the shop's best seller; next come
/// b-lamp and s-b with 4 each.
/// </summary>
public sealed class RecommendationShopFixture : IAsyncLifetime
{
    /// <summary>
    /// "Customers like you": s-me bought s-a…s-d; s-n1…s-n3 share some of it; s-n4 bought exactly what s-me did.
    /// "Upsell": u-me bought the €20 kettle; u-1 and u-2 bought the copper one, u-3 the glass one.
    /// "Bought together": b-me bought a lamp; b-1…b-3 bought it with a shade and (twice) a bulb.
    /// </summary>
    public const string Orders = """
        order_id,customer_id,timestamp,currency,product_id,quantity,unit_price
        S0,s-me,2024-03-01T10:00:00Z,EUR,s-a,1,5
        S0,s-me,2024-03-01T10:00:00Z,EUR,s-b,1,5
        S0,s-me,2024-03-01T10:00:00Z,EUR,s-c,1,5
        S0,s-me,2024-03-01T10:00:00Z,EUR,s-d,1,5
        S1,s-n1,2024-03-02T10:00:00Z,EUR,s-a,1,5
        S1,s-n1,2024-03-02T10:00:00Z,EUR,s-b,1,5
        S1,s-n1,2024-03-02T10:00:00Z,EUR,s-c,1,5
        S1,s-n1,2024-03-02T10:00:00Z,EUR,s-e,1,5
        S2,s-n2,2024-03-03T10:00:00Z,EUR,s-a,1,5
        S2,s-n2,2024-03-03T10:00:00Z,EUR,s-f,1,5
        S2,s-n2,2024-03-03T10:00:00Z,EUR,s-g,1,5
        S2,s-n2,2024-03-03T10:00:00Z,EUR,s-h,1,5
        S3,s-n3,2024-03-04T10:00:00Z,EUR,s-a,1,5
        S3,s-n3,2024-03-04T10:00:00Z,EUR,s-b,1,5
        S3,s-n3,2024-03-04T10:00:00Z,EUR,s-e,1,5
        S3,s-n3,2024-03-04T10:00:00Z,EUR,s-f,1,5
        S4,s-n4,2024-03-05T10:00:00Z,EUR,s-a,1,5
        S4,s-n4,2024-03-05T10:00:00Z,EUR,s-b,1,5
        S4,s-n4,2024-03-05T10:00:00Z,EUR,s-c,1,5
        S4,s-n4,2024-03-05T10:00:00Z,EUR,s-d,1,5
        U0,u-me,2024-03-01T11:00:00Z,EUR,k-basic,1,20
        U1,u-1,2024-03-02T11:00:00Z,EUR,k-copper,1,35
        U2,u-2,2024-03-03T11:00:00Z,EUR,k-copper,1,35
        U3,u-3,2024-03-04T11:00:00Z,EUR,k-glass,1,45
        B0,b-me,2024-03-01T12:00:00Z,EUR,b-lamp,1,40
        B1,b-1,2024-03-02T12:00:00Z,EUR,b-lamp,1,40
        B1,b-1,2024-03-02T12:00:00Z,EUR,b-shade,1,15
        B1,b-1,2024-03-02T12:00:00Z,EUR,b-bulb,1,3
        B2,b-2,2024-03-03T12:00:00Z,EUR,b-lamp,1,40
        B2,b-2,2024-03-03T12:00:00Z,EUR,b-shade,1,15
        B2,b-2,2024-03-03T12:00:00Z,EUR,b-bulb,1,3
        B3,b-3,2024-03-04T12:00:00Z,EUR,b-lamp,1,40
        B3,b-3,2024-03-04T12:00:00Z,EUR,b-shade,1,15
        """;

    /// <summary>
    /// The kettles (category "Kettles", EUR) from €15 to €80, the copper one out of stock; a teapot in the price band
    /// but of another category; a mug and the lamp's shade and bulb. The other products are unknown to the catalogue.
    /// </summary>
    public const string Catalogue = """
        {"products": [
          {"productId": "k-cheap", "name": "Plastic kettle", "category": "Kettles", "price": 15, "currency": "EUR"},
          {"productId": "k-basic", "name": "Basic kettle", "category": "Kettles", "price": 20, "currency": "EUR"},
          {"productId": "k-steel", "name": "Steel kettle", "category": "Kettles", "price": 30, "currency": "EUR",
           "url": "https://shop.example/k-steel", "imageUrl": "https://cdn.shop.example/k-steel.jpg"},
          {"productId": "k-copper", "name": "Copper kettle", "category": "Kettles", "price": 35, "currency": "EUR", "inStock": false},
          {"productId": "k-glass", "name": "Glass kettle", "category": "Kettles", "price": 45, "currency": "EUR",
           "url": "https://shop.example/k-glass", "imageUrl": "https://cdn.shop.example/k-glass.jpg"},
          {"productId": "k-luxury", "name": "Luxury kettle", "category": "Kettles", "price": 80, "currency": "EUR"},
          {"productId": "t-pot", "name": "Teapot", "category": "Teapots", "price": 25, "currency": "EUR"},
          {"productId": "s-e", "name": "Enamel mug", "price": 9.5, "currency": "EUR",
           "url": "https://shop.example/s-e", "imageUrl": "https://cdn.shop.example/s-e.jpg"},
          {"productId": "b-shade", "name": "Linen shade", "category": "Lighting", "price": 15, "currency": "EUR"},
          {"productId": "b-bulb", "name": "LED bulb", "category": "Lighting", "price": 3, "currency": "EUR"}
        ]}
        """;

    private readonly SqliteServerFixture _server = new();
    private readonly Dictionary<string, string> _contacts = new(StringComparer.Ordinal);

    public RekindleServerProcess Server => _server.Server;

    /// <summary>The contact id of the customer the orders call <paramref name="customerId"/>.</summary>
    public string Contact(string customerId) => _contacts[customerId];

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        using (var import = await Server.AdminAsync(HttpMethod.Post, "/api/orders/import?format=generic", Orders))
        {
            Ensure(import, "the order import");
        }

        using (var put = await Server.AdminAsync(HttpMethod.Put, "/api/catalog/products", Catalogue))
        {
            Ensure(put, "the catalogue");
        }

        await Server.WaitUntilAppliedAsync("the orders to be applied");
        foreach (var customer in new[] { "s-me", "u-me", "b-me" })
        {
            _contacts[customer] = await ContactQueries.WaitForContactAsync(Server, "userId", customer);
        }

        using var train = await Server.AdminAsync(HttpMethod.Post, "/api/analytics/recommendations/train");
        Ensure(train, "training");
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    private static void Ensure(HttpResponseMessage response, string what)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}");
        }
    }
}
