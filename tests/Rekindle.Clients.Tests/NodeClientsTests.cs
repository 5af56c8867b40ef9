using System.Text.Json;
using Rekindle.Clients.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Clients.Tests;

/// <summary>
/// The official server-side clients, run by Node with their default settings (only the host and the write
/// key set): @segment/analytics-node posts JSON to /v1/batch; @rudderstack/rudder-sdk-node gzips it.
/// </summary>
[Collection(ClientsCollection.Name)]
public sealed class NodeClientsTests(ClientsFixture fixture)
{
    [Theory]
    [InlineData("segment-node.mjs")]
    [InlineData("rudder-node.mjs")]
    public async Task ShopperSession_DefaultSettings_EveryEventStoredOnTheContact(string script)
    {
        var userId = "node-" + Guid.NewGuid().ToString("N");

        var (exitCode, output) = await ClientPackages.RunAsync("node", [script, fixture.ServerUrl, RekindleServerProcess.WriteKey, userId],
            TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, $"{script} exited with {exitCode}:\n{output}\nserver:\n{fixture.Server.Output}");
        var stored = await fixture.StoredEventsAsync(userId);
        // The four calls of shopper-session.mjs, each stored once, in the order sent, with their properties.
        Assert.Equal(
            [
                $"identify {userId}-identify",
                $"track Product Viewed {userId}-viewed",
                $"track Product Added {userId}-added",
                $"track Checkout Started {userId}-checkout",
            ],
            stored.Select(e => string.Join(' ', new[] { e.GetProperty("type").GetString(), e.GetProperty("event").GetString(), e.GetProperty("messageId").GetString() }
                .Where(p => p is not null))));
        Assert.Equal($"{userId}@shop.example", stored[0].GetProperty("traits").GetProperty("email").GetString());
        var added = stored[2].GetProperty("properties");
        Assert.Equal(("sku-1", 19.5m, 2, "EUR"), (added.GetProperty("product_id").GetString(), added.GetProperty("price").GetDecimal(),
            added.GetProperty("quantity").GetInt32(), added.GetProperty("currency").GetString()));
        Assert.All(stored, e => Assert.Equal(userId, e.GetProperty("userId").GetString()));
    }
}
