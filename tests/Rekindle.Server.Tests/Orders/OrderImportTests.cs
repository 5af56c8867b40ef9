using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Orders;

/// <summary>
/// The real Online Retail history (541,909 rows) imported through the API into a real server: orders,
/// customers and profiles appear, and importing the same file again changes nothing.
/// </summary>
[Collection(OnlineRetailImport.Collection)]
public sealed class OrderImportTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    // Counted in the file by tests/Rekindle.Core.Tests/Orders/OnlineRetailFileTests with a second, independent
    // pass: invoices that are not cancellations, with a customer and at least one purchasable line.
    private const int Orders = 18_532;
    private const int Customers = 4_338;

    [Fact]
    public async Task ImportOnlineRetail_TwiceInARow_StoresEveryOrderOnceWithProfiles()
    {
        var server = fixture.Server;

        var first = await ImportAsync(server);
        await WaitUntilAppliedAsync(server);
        var totals = await server.AdminJsonAsync("/api/orders/totals");
        var second = await ImportAsync(server);
        await WaitUntilAppliedAsync(server);
        var totalsAgain = await server.AdminJsonAsync("/api/orders/totals");

        Assert.Equal(541_909, first.GetProperty("rowsRead").GetInt64());
        Assert.Equal(Orders, first.GetProperty("ordersInFile").GetInt64());
        Assert.Equal(Orders, first.GetProperty("ordersNew").GetInt64());
        Assert.Equal(Customers, first.GetProperty("customersNew").GetInt64());
        Assert.Equal(9_288, first.GetProperty("skippedByReason").GetProperty("cancellation").GetInt64());
        Assert.Equal(134_697, first.GetProperty("skippedByReason").GetProperty("missing-customer").GetInt64());
        Assert.Equal(Orders, totals.GetProperty("orders").GetInt64());
        Assert.Equal(Customers, totals.GetProperty("contacts").GetInt64());
        Assert.Equal(0, second.GetProperty("ordersNew").GetInt64());
        Assert.Equal(0, second.GetProperty("customersNew").GetInt64());
        Assert.Equal(totals.GetRawText(), totalsAgain.GetRawText());

        // Customer 12346 bought 74,215 jars at £1.04 (invoice 541431) and cancelled them (C541433): the
        // cancellation is skipped, so the profile holds the one order.
        var profile = (await server.AdminJsonAsync("/api/contacts?userId=12346")).GetProperty("profile");
        Assert.Equal(1, profile.GetProperty("orders").GetInt32());
        Assert.Equal(74_215m * 1.04m, profile.GetProperty("revenue").GetDecimal());
        Assert.Equal("GBP", profile.GetProperty("currency").GetString());
        Assert.Equal(0, (await server.AdminJsonAsync("/api/flows")).GetArrayLength());
    }

    [Fact]
    public async Task Import_UnknownFormat_400NamingTheParameter()
    {
        using var response = await fixture.Server.AdminAsync(HttpMethod.Post, "/api/orders/import?format=excel", "a,b\n1,2\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("problems")[0];
        Assert.Equal("format", problem.GetProperty("field").GetString());
        Assert.Equal("'excel' is not a known layout", problem.GetProperty("problem").GetString());
    }

    private static Task<JsonElement> ImportAsync(RekindleServerProcess server) => OnlineRetailImport.PostAsync(server);

    private static Task WaitUntilAppliedAsync(RekindleServerProcess server) => OnlineRetailImport.WaitUntilAppliedAsync(server);
}
