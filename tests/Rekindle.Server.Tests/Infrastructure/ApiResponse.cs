using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rekindle.Server.Tests.Infrastructure;

/// <summary>A response read in full, so a test can assert on status, headers and body after disposing it.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string Body, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public static async Task<ApiResponse> ReadAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new ApiResponse(response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentType?.MediaType, headers);
    }

    /// <summary>Asserts the status and that the body is the JSON <paramref name="expectedJson"/> (formatting aside).</summary>
    public void AssertJson(HttpStatusCode status, string expectedJson)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {(int)Status}: {Body}");
        Assert.Equal("application/json", ContentType);
        JsonAssert.Equal(expectedJson, Body);
    }
}

public static class JsonAssert
{
    /// <summary>Same JSON value: objects compared by member (order ignored), arrays in order, numbers by value.</summary>
    public static void Equal(string expectedJson, string actualJson)
    {
        var expected = JsonNode.Parse(expectedJson);
        var actual = JsonNode.Parse(actualJson);
        if (!JsonNode.DeepEquals(expected, actual))
        {
            // Assert.Equal on the normalised text shows where they differ.
            Assert.Equal(expected?.ToJsonString(), actual?.ToJsonString());
            Assert.Fail($"JSON differs:\nexpected {expectedJson}\nactual   {actualJson}");
        }
    }
}
