using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using static Rekindle.Server.Tests.Catalog.CatalogCalls;

namespace Rekindle.Server.Tests.Catalog;

/// <summary>Requests the catalogue API refuses: 400 with every problem and its place, and nothing stored.</summary>
public sealed class CatalogValidationTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private const string Known = "productId, name, category, price, currency, inStock, url, imageUrl";

    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task Put_ProductsWithProblems_400ListingEveryProblemWithItsPlaceAndNothingStored()
    {
        var longId = new string('x', 201);
        var longName = new string('n', 1001);
        var longPath = new string('u', 2048);
        var put = await PutAsync($$"""
            {"products": [
              {"productId": "val-ok", "price": 5, "currency": "EUR"},
              {"name": "No id"},
              {"productId": "  "},
              {"productId": true},
              {"productId": "{{longId}}"},
              {"productId": "val-neg", "price": -1, "currency": "EUR"},
              {"productId": "val-nocur", "price": 12.5},
              {"productId": "val-cur", "price": 1, "currency": "EURO"},
              {"productId": "val-dp", "price": 1.23456, "currency": "EUR"},
              {"productId": "val-big", "price": 10000000000, "currency": "EUR"},
              {"productId": "val-text", "price": "19.99", "currency": "EUR"},
              {"productId": "val-rel", "url": "/products/val-rel"},
              {"productId": "val-ftp", "imageUrl": "ftp://cdn.shop.example/x.jpg"},
              {"productId": "val-stock", "inStock": "yes"},
              {"productId": "val-snake", "product_id": "x", "image_url": "https://cdn.shop.example/x.jpg"},
              {"productId": "val-ok", "name": "Again"},
              "val-not-an-object",
              {"productId": "val-types", "name": 5, "category": ["a"], "currency": 1, "url": "https://shop.example/{{longPath}}"},
              {"productId": "val-long", "name": "{{longName}}"},
              {"productId": "val-price-only-bad", "price": -3}
            ]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("nothing was stored: 24 problems", put.Json.GetProperty("error").GetString());
        Assert.Equal([
            "products[1].productId: is required",
            "products[2].productId: must not be empty",
            "products[3].productId: must be a string",
            "products[4].productId: is longer than 200 characters",
            "products[5].price: must not be negative",
            "products[6].currency: is required when price is given",
            "products[7].currency: must be a 3-letter ISO 4217 code such as EUR",
            "products[8].price: has more than 4 decimal places",
            "products[9].price: must be below 10,000,000,000",
            "products[10].price: must be a number",
            "products[11].url: must be an absolute http or https URL",
            "products[12].imageUrl: must be an absolute http or https URL",
            "products[13].inStock: must be true or false",
            $"products[14].product_id: is not a known field ({Known})",
            $"products[14].image_url: is not a known field ({Known})",
            "products[15].productId: 'val-ok' is already at products[0]",
            "products[16]: must be an object",
            "products[17].name: must be a string",
            "products[17].category: must be a string",
            "products[17].currency: must be a string",
            "products[17].url: is longer than 2048 characters",
            "products[18].name: is longer than 1000 characters",
            "products[19].price: must not be negative",
            "products[19].currency: is required when price is given",
        ], Problems(put));
        foreach (var id in (string[])["val-ok", "val-neg", "val-rel", "val-stock", "val-long"])
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(id)).Status);
        }
    }

    [Theory]
    [InlineData("""[{"productId": "arr-1"}]""", "body", "must be a JSON object {\"products\": [...]}")]
    [InlineData("""{"items": [{"productId": "items-1"}]}""", "items", "is not a known field (expected only products)")]
    [InlineData("""{}""", "products", "is required: an array of 1 to 1000 products")]
    [InlineData("""{"products": {"productId": "obj-1"}}""", "products", "is required: an array of 1 to 1000 products")]
    [InlineData("""{"products": []}""", "products", "has 0 products; send 1 to 1000 per request")]
    public async Task Put_BadEnvelope_400NamingTheProblem(string body, string field, string problem)
    {
        var put = await PutAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal($"{field}: {problem}", Problems(put)[0]);
    }

    [Fact]
    public async Task Put_1001Products_400AndNoneStored()
    {
        var products = Enumerable.Range(0, 1001).Select(i => new { productId = $"many-{i}" });

        var put = await PutAsync(JsonSerializer.Serialize(new { products }));

        put.AssertJson(HttpStatusCode.BadRequest, """
            {"error": "nothing was stored: 1 problem", "problems": [{"field": "products", "problem": "has 1001 products; send 1 to 1000 per request"}]}
            """);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("many-0")).Status);
    }

    [Fact]
    public async Task Put_NotJson_400NamingTheBody()
    {
        var put = await PutAsync("""{"products": [""");

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("the body is not valid JSON", put.Json.GetProperty("error").GetString());
        Assert.StartsWith("body: is not valid JSON: ", Problems(put)[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("ten")]
    [InlineData("-5")]
    public async Task List_LimitOutOfRange_400NamingIt(string limit)
    {
        var list = await ListAsync($"limit={limit}");

        list.AssertJson(HttpStatusCode.BadRequest, $$"""
            {"error": "limit: expected 1 to 1000", "problems": [{"field": "limit", "problem": "'{{limit}}' is not a whole number from 1 to 1000"}]}
            """);
    }

    private Task<ApiResponse> PutAsync(string json) => CatalogCalls.PutAsync(Server, json);

    private Task<ApiResponse> GetAsync(string id) => CatalogCalls.GetAsync(Server, id);

    private Task<ApiResponse> ListAsync(string query) => CatalogCalls.ListAsync(Server, query);
}
