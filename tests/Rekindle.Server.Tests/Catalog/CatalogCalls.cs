using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Catalog;

/// <summary>The catalogue API's requests, with the admin key, read in full.</summary>
public static class CatalogCalls
{
    public static Task<ApiResponse> PutAsync(RekindleServerProcess server, string json) =>
        ApiResponse.ReadAsync(server.AdminAsync(HttpMethod.Put, "/api/catalog/products", json));

    public static Task<ApiResponse> GetAsync(RekindleServerProcess server, string id) =>
        ApiResponse.ReadAsync(server.AdminAsync(HttpMethod.Get, "/api/catalog/products/" + Uri.EscapeDataString(id)));

    public static Task<ApiResponse> ListAsync(RekindleServerProcess server, string query) =>
        ApiResponse.ReadAsync(server.AdminAsync(HttpMethod.Get, "/api/catalog/products?" + query));

    /// <summary>A 4xx body's problems as "field: problem", in the order the server listed them.</summary>
    public static List<string> Problems(ApiResponse response) =>
        response.Json.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("field").GetString()}: {p.GetProperty("problem").GetString()}").ToList();
}
