using System.Net.Http.Headers;
using System.Text;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Infrastructure;

/// <summary>Requests to the Segment-compatible /v1 API with whatever credentials a test needs.</summary>
public static class SegmentCalls
{
    /// <summary>
    /// POSTs <paramref name="json"/>; <paramref name="basicUser"/> is the HTTP Basic user name (the write key,
    /// as Segment libraries send it: "key:" with an empty password), or null for no Authorization header.
    /// </summary>
    public static Task<ApiResponse> PostAsync(RekindleServerProcess server, string path, string json, string? basicUser = RekindleServerProcess.WriteKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (basicUser is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basicUser + ":")));
        }

        return ApiResponse.ReadAsync(server.Http.SendAsync(request));
    }

    /// <summary>A fresh id, so tests sharing one server never see each other's contacts.</summary>
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N");

    public const string Accepted1 = """{"success":true,"accepted":1,"rejected":[],"error":null}""";
}
