using System.Net;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Analytics;

/// <summary>GET /api/contacts/{id}/recommendations on a real server.</summary>
public sealed class RecommendationsApiTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task Recommendations_AfterImport_NeverWhatWasBoughtAndBestSellersAsFiller()
    {
        var server = fixture.Server;
        using (var import = await server.AdminAsync(HttpMethod.Post, "/api/orders/import?format=generic", SampleOrders.GenericDocsExample))
        {
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        }

        await server.WaitUntilAppliedAsync("the orders to be applied");
        var bob = (await server.AdminJsonAsync("/api/contacts?userId=c-42")).GetProperty("profile").GetProperty("id").GetString();
        using (var train = await server.AdminAsync(HttpMethod.Post, "/api/analytics/recommendations/train"))
        {
            Assert.Equal(HttpStatusCode.OK, train.StatusCode);
        }

        var list = await server.AdminJsonAsync($"/api/contacts/{bob}/recommendations?limit=5");

        // c-42 bought only p-7. p-1 shares a single order with p-7 (1001), below the two orders a pair needs, so
        // nothing is "bought together" yet; the best sellers fill the list, minus p-7, which c-42 already has.
        var only = Assert.Single(list.EnumerateArray());
        Assert.Equal("p-1", only.GetProperty("productId").GetString());
        Assert.Equal("best-seller", only.GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("kind=deluxe", "kind")]
    [InlineData("limit=0", "limit")]
    public async Task Recommendations_BadQuery_400NamingTheParameter(string query, string field)
    {
        using var response = await fixture.Server.AdminAsync(HttpMethod.Get, $"/api/contacts/any/recommendations?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"field\":\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
