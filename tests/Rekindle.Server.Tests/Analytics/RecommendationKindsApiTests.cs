using System.Net;
using Rekindle.Server.Tests.Catalog;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Analytics;

/// <summary>
/// The three kinds of GET /api/contacts/{id}/recommendations on a real server, over the hand-made shop of
/// <see cref="RecommendationShopFixture"/>: exact lists, catalogue details, stock changes seen without retraining.
/// </summary>
public sealed class RecommendationKindsApiTests(RecommendationShopFixture shop) : IClassFixture<RecommendationShopFixture>
{
    private RekindleServerProcess Server => shop.Server;

    [Fact]
    public async Task Train_ShopOrdersAndCatalogue_CountsWhatItLearnedFrom()
    {
        var train = await ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Post, "/api/analytics/recommendations/train"));

        // Orders S0–S4, U0–U3, B0–B3; products s-a…s-h, three kettles, lamp, shade and bulb; one customer per order.
        // Eight of them are known from the orders only (s-a…s-d, s-f…s-h, b-lamp); none is postage or a fee.
        train.AssertJson(HttpStatusCode.OK,
            """{"orders": 13, "products": 14, "customers": 13, "catalogProducts": 10, "productsFromOrders": 8, "excludedProducts": 0}""");
    }

    [Fact]
    public async Task SimilarCustomers_HandMadeOrders_RankedBySummedCosineOfNeighboursThenBestSeller()
    {
        var list = await GetAsync("s-me", "kind=similar-customers&limit=5");

        // s-me bought {a, b, c, d}: |s-me| = 4, so every cosine below is shared / (2 · 2) for a 4-product neighbour.
        //   s-n1 {a, b, c, e}: 3 shared → 0.75      s-n3 {a, b, e, f}: 2 shared → 0.5      s-n2 {a, f, g, h}: 1 shared → 0.25
        //   s-n4 {a, b, c, d}: cosine 1, but nothing s-me lacks, so it is no neighbour at all.
        // Products: e = 0.75 + 0.5 = 1.25; f = 0.5 + 0.25 = 0.75; g = h = 0.25 (the tie goes to the lower id, g).
        // The fifth is filler: the best seller s-me did not buy is b-lamp (4 customers; s-a with 5 was bought).
        // Only s-e is in the catalogue, so only it carries a name and links; the others carry the price their orders
        // paid (the orders name no product).
        list.AssertJson(HttpStatusCode.OK, """
            [
              {"productId": "s-e", "score": 1.25, "source": "similar-customers", "name": "Enamel mug", "price": 9.5, "currency": "EUR",
               "url": "https://shop.example/s-e", "imageUrl": "https://cdn.shop.example/s-e.jpg"},
              {"productId": "s-f", "score": 0.75, "source": "similar-customers", "name": null, "price": 5, "currency": "EUR", "url": null, "imageUrl": null},
              {"productId": "s-g", "score": 0.25, "source": "similar-customers", "name": null, "price": 5, "currency": "EUR", "url": null, "imageUrl": null},
              {"productId": "s-h", "score": 0.25, "source": "similar-customers", "name": null, "price": 5, "currency": "EUR", "url": null, "imageUrl": null},
              {"productId": "b-lamp", "score": 4, "source": "best-seller", "name": null, "price": 40, "currency": "EUR", "url": null, "imageUrl": null}
            ]
            """);
    }

    [Fact]
    public async Task Upsell_BoughtBasicKettle_PricierInStockKettlesMostBoughtFirst()
    {
        var list = await GetAsync("u-me", "kind=upsell&limit=2");

        // u-me paid €20 for k-basic, so the band is above €20 up to €60 in "Kettles", EUR. In it: k-steel €30 (no buyer),
        // k-copper €35 (2 buyers, but out of stock), k-glass €45 (1 buyer). Left out: k-cheap €15 (not dearer),
        // k-luxury €80 (above 3×), t-pot €25 (another category). More buyers first: k-glass, then k-steel.
        // Scores are price / €20.
        list.AssertJson(HttpStatusCode.OK, """
            [
              {"productId": "k-glass", "score": 2.25, "source": "upsell", "name": "Glass kettle", "price": 45, "currency": "EUR",
               "url": "https://shop.example/k-glass", "imageUrl": "https://cdn.shop.example/k-glass.jpg"},
              {"productId": "k-steel", "score": 1.5, "source": "upsell", "name": "Steel kettle", "price": 30, "currency": "EUR",
               "url": "https://shop.example/k-steel", "imageUrl": "https://cdn.shop.example/k-steel.jpg"}
            ]
            """);
    }

    [Fact]
    public async Task BoughtTogether_ProductPutOutOfStock_LeftOutOfTheNextAnswerWithoutRetraining()
    {
        // b-lamp is in 4 orders (B0–B3), b-shade in 3 (B1–B3, all with the lamp), b-bulb in 2 (B1, B2, with the lamp):
        // sim(lamp, shade) = 3 / √(4 · 3) = 0.866025…, sim(lamp, bulb) = 2 / √(4 · 2) = 0.707107….
        var before = await ListAsync("b-me", "kind=bought-together&limit=2");

        var put = await CatalogCalls.PutAsync(Server, """
            {"products": [{"productId": "b-shade", "name": "Linen shade", "category": "Lighting", "price": 15, "currency": "EUR", "inStock": false}]}
            """);
        var after = await ListAsync("b-me", "kind=bought-together&limit=2");

        Assert.Equal([("b-shade", 0.866025, "bought-together"), ("b-bulb", 0.707107, "bought-together")], before);
        put.AssertJson(HttpStatusCode.OK, """{"created": 0, "updated": 1}""");
        // The models were not retrained (the next training is a day away); the catalogue was reloaded. The free place
        // goes to the shop's best seller, s-a (5 customers), not to b-shade, which 3 customers bought.
        Assert.Equal([("b-bulb", 0.707107, "bought-together"), ("s-a", 5.0, "best-seller")], after);
    }

    [Fact]
    public async Task Recommendations_UnknownKind_400NamingTheThreeKinds()
    {
        var response = await GetAsync("b-me", "kind=deluxe");

        response.AssertJson(HttpStatusCode.BadRequest, """
            {"error": "kind: expected bought-together, similar-customers or upsell",
             "problems": [{"field": "kind", "problem": "'deluxe' is not one of bought-together, similar-customers, upsell"}]}
            """);
    }

    private Task<ApiResponse> GetAsync(string customerId, string query) =>
        ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Get, $"/api/contacts/{shop.Contact(customerId)}/recommendations?{query}"));

    /// <summary>The list as (product, score to 6 decimals, source): cosines are irrational, so they are compared rounded.</summary>
    private async Task<List<(string ProductId, double Score, string Source)>> ListAsync(string customerId, string query)
    {
        var response = await GetAsync(customerId, query);
        Assert.True(response.Status == HttpStatusCode.OK, response.Body);
        return [.. response.Json.EnumerateArray().Select(r => (
            r.GetProperty("productId").GetString()!,
            Math.Round(r.GetProperty("score").GetDouble(), 6),
            r.GetProperty("source").GetString()!))];
    }
}
