using System.Text.Json;
using Rekindle.Testing;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Infrastructure;

/// <summary>
/// The whole Online Retail file posted to a server's import API. Test classes that do it share one collection, so
/// two imports of half a million rows never compete for a shared two-core machine.
/// </summary>
public static class OnlineRetailImport
{
    public const string Collection = "Online Retail imports";

    /// <summary>Posts the file and answers the import summary; the orders are durable, not yet applied.</summary>
    public static async Task<JsonElement> PostAsync(RekindleServerProcess server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders/import?format=online-retail")
        {
            Content = new StreamContent(File.OpenRead(SharedData.File("online_retail", "online_retail.csv.gz"))),
        };
        request.Headers.Authorization = new("Bearer", RekindleServerProcess.AdminKey);
        // Seconds alone, but longer than the server client's 30 s on a busy machine.
        using var http = new HttpClient { BaseAddress = server.Http.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task WaitUntilAppliedAsync(RekindleServerProcess server) =>
        server.WaitUntilAppliedAsync("the imported orders to be applied", TimeSpan.FromSeconds(180));
}

[CollectionDefinition(OnlineRetailImport.Collection)]
public sealed class OnlineRetailImportCollection;
