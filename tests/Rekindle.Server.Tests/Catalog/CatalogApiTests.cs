using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Catalog;

/// <summary>PUT /api/catalog/products and its reads, on a real server: exact values back, whole batches or nothing.</summary>
public sealed class CatalogApiTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task Put_NewProducts_GetReturnsExactlyWhatWasSentAndCountsThemCreated()
    {
        var before = DateTimeOffset.UtcNow;
        var put = await PutAsync("""
            {"products": [
              {"productId": "lamp-1", "name": "Brass desk lamp", "category": "Lighting", "price": 19.99, "currency": "EUR",
               "url": "https://shop.example/lamp-1", "imageUrl": "https://cdn.shop.example/lamp-1.jpg"},
              {"productId": "bare-1", "inStock": false}
            ]}
            """);
        var after = DateTimeOffset.UtcNow;
        var lamp = await GetAsync("lamp-1");
        var bare = await GetAsync("bare-1");

        put.AssertJson(HttpStatusCode.OK, """{"created": 2, "updated": 0}""");
        AssertProduct(lamp, """
            {"productId": "lamp-1", "name": "Brass desk lamp", "category": "Lighting", "price": 19.99, "currency": "EUR", "inStock": true,
             "url": "https://shop.example/lamp-1", "imageUrl": "https://cdn.shop.example/lamp-1.jpg"}
            """, before, after);
        AssertProduct(bare, """
            {"productId": "bare-1", "name": null, "category": null, "price": null, "currency": null, "inStock": false, "url": null, "imageUrl": null}
            """, before, after);
        Assert.Contains("\"price\":19.99,", lamp.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ExistingProduct_ReplacesEveryFieldNormalisesAndCountsItUpdated()
    {
        var before = DateTimeOffset.UtcNow;
        await PutAsync("""{"products": [{"productId": "1001", "name": "Kettle", "category": "Kitchen", "price": 30, "currency": "EUR"}]}""");

        // An id sent as a number is the same product (events do the same); text is trimmed, the currency upper-cased.
        var put = await PutAsync("""
            {"products": [
              {"productId": 1001, "name": "  Steel kettle ", "price": 34.5, "currency": "usd", "inStock": false},
              {"productId": " cup-7 ", "category": ""}
            ]}
            """);
        var after = DateTimeOffset.UtcNow;
        var kettle = await GetAsync("1001");
        var cup = await GetAsync("cup-7");

        put.AssertJson(HttpStatusCode.OK, """{"created": 1, "updated": 1}""");
        AssertProduct(kettle, """
            {"productId": "1001", "name": "Steel kettle", "category": null, "price": 34.5, "currency": "USD", "inStock": false, "url": null, "imageUrl": null}
            """, before, after);
        AssertProduct(cup, """
            {"productId": "cup-7", "name": null, "category": null, "price": null, "currency": null, "inStock": true, "url": null, "imageUrl": null}
            """, before, after);
    }

    [Fact]
    public async Task Put_1000Products_AllStored()
    {
        var category = "thousand-" + Guid.NewGuid().ToString("N");
        var products = Enumerable.Range(0, 1000).Select(i => new { productId = $"{category}-{i:D4}", category, price = i + 0.99m, currency = "EUR" });

        var put = await PutAsync(JsonSerializer.Serialize(new { products }));
        var page = await ListAsync($"category={category}&limit=1000");

        put.AssertJson(HttpStatusCode.OK, """{"created": 1000, "updated": 0}""");
        var listed = page.Json.GetProperty("products").EnumerateArray().ToList();
        Assert.Equal(1000, listed.Count);
        Assert.Equal(999.99m, listed[999].GetProperty("price").GetDecimal());
        Assert.Equal(JsonValueKind.Null, page.Json.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Put_WithoutAdminKey_401AndNothingStored()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/catalog/products")
        {
            Content = new StringContent("""{"products": [{"productId": "anon-1"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };

        var put = await ApiResponse.ReadAsync(Server.Http.SendAsync(request));
        var list = await ApiResponse.ReadAsync(Server.Http.GetAsync("/api/catalog/products"));

        put.AssertJson(HttpStatusCode.Unauthorized, """{"error": "missing admin key: send 'Authorization: Bearer <Admin:ApiKey>'", "problems": null}""");
        Assert.Equal(HttpStatusCode.Unauthorized, list.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("anon-1")).Status);
    }

    [Fact]
    public async Task Get_UnknownId_404NamingIt()
    {
        var get = await GetAsync("no such product");

        get.AssertJson(HttpStatusCode.NotFound, """{"error": "no product 'no such product'", "problems": null}""");
    }

    [Fact]
    public async Task Get_IdWithSlashAndPercent_FindsExactlyThatProduct()
    {
        // Kestrel leaves %2F encoded in a route value but decodes %25, so both ids would arrive as "mug%2Fblue".
        await PutAsync("""{"products": [{"productId": "mug/blue", "name": "Mug"}]}""");

        var slash = await GetAsync("mug/blue");
        var percent = await GetAsync("mug%2Fblue");

        Assert.Equal("Mug", slash.Json.GetProperty("name").GetString());
        percent.AssertJson(HttpStatusCode.NotFound, """{"error": "no product 'mug%2Fblue'", "problems": null}""");
    }

    [Fact]
    public async Task List_CategoryInPagesOfTwo_ProductIdOrderWithNextCursorUntilTheLastPage()
    {
        var category = "paging-" + Guid.NewGuid().ToString("N");
        var others = "other-" + Guid.NewGuid().ToString("N");
        await PutAsync(JsonSerializer.Serialize(new
        {
            products = new object[]
            {
                new { productId = "pg-b", category }, new { productId = "pg-e", category }, new { productId = "pg-A", category },
                new { productId = "pg-c", category = others }, new { productId = "pg-d", category }, new { productId = "pg-a", category },
            },
        }));

        var first = await ListAsync($"category={category}&limit=2");
        var second = await ListAsync($"category={category}&limit=2&after={first.Json.GetProperty("next").GetString()}");
        var third = await ListAsync($"category={category}&limit=2&after={second.Json.GetProperty("next").GetString()}");

        Assert.Equal(["pg-A", "pg-a"], Ids(first));
        Assert.Equal("pg-a", first.Json.GetProperty("next").GetString());
        Assert.Equal(["pg-b", "pg-d"], Ids(second));
        Assert.Equal("pg-d", second.Json.GetProperty("next").GetString());
        Assert.Equal(["pg-e"], Ids(third));
        Assert.Equal(JsonValueKind.Null, third.Json.GetProperty("next").ValueKind);
        Assert.Equal(category, third.Json.GetProperty("products")[0].GetProperty("category").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_Catalog_ListsTheThreeOperations()
    {
        var paths = (await ApiResponse.ReadAsync(Server.Http.GetAsync("/openapi/v1.json"))).Json.GetProperty("paths");

        var products = paths.GetProperty("/api/catalog/products");
        Assert.Equal(["get", "put"], products.EnumerateObject().Select(o => o.Name).Order());
        Assert.True(products.GetProperty("put").TryGetProperty("requestBody", out _));
        Assert.True(paths.GetProperty("/api/catalog/products/{id}").TryGetProperty("get", out _));
    }


    private Task<ApiResponse> PutAsync(string json) => CatalogCalls.PutAsync(Server, json);

    private Task<ApiResponse> GetAsync(string id) => CatalogCalls.GetAsync(Server, id);

    private Task<ApiResponse> ListAsync(string query) => CatalogCalls.ListAsync(Server, query);

    private static string[] Ids(ApiResponse response)
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"expected 200, got {(int)response.Status}: {response.Body}");
        return response.Json.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("productId").GetString()!).ToArray();
    }

    /// <summary>The product is <paramref name="expectedJson"/> plus an updatedAt inside the request's time span.</summary>
    private static void AssertProduct(ApiResponse response, string expectedJson, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"expected 200, got {(int)response.Status}: {response.Body}");
        var actual = JsonNode.Parse(response.Body)!.AsObject();
        var updatedAt = actual["updatedAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(updatedAt, notBefore.AddMilliseconds(-1), notAfter.AddMilliseconds(1));
        actual.Remove("updatedAt");
        JsonAssert.Equal(expectedJson, actual.ToJsonString());
    }
}
