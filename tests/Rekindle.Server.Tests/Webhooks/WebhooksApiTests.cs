using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.AbandonedCart;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using Rekindle.Testing.Webhooks;

namespace Rekindle.Server.Tests.Webhooks;

/// <summary>The webhook endpoints' contract on a server with the defaults (private targets refused).</summary>
public sealed class WebhooksApiTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    [Theory]
    [InlineData("GET", "/api/flows/no-such-flow/webhook-secret")]
    [InlineData("POST", "/api/flows/no-such-flow/webhook-secret/rotate")]
    [InlineData("GET", "/api/flows/no-such-flow/webhook-deliveries")]
    public async Task WebhookEndpoints_UnknownFlow_404NamingIt(string method, string path)
    {
        using var response = await Server.AdminAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no flow 'no-such-flow'", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task WebhookSecret_WithoutTheAdminKey_401AndNoSecret()
    {
        await SaveFlowAsync();

        using var response = await Server.Http.GetAsync("/api/flows/abandoned-cart/webhook-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"body": "{}"}""", "url", "is required: where to POST the webhook")]
    [InlineData("""{"url": "ftp://hooks.example/x"}""", "url", "webhook url 'ftp://hooks.example/x' must use http or https (was ftp)")]
    [InlineData("""{"url": "https://hooks.example/x", "body": "{\"a\": {{ contact.id }}}"}""", "body", "webhook body is not valid JSON once rendered: ")]
    public async Task WebhookTest_BadRequest_400NamingTheFieldAndNothingQueued(string json, string field, string problem)
    {
        await SaveFlowAsync();

        using var response = await Server.AdminAsync(HttpMethod.Post, "/api/flows/abandoned-cart/webhook-test", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.StartsWith(problem, error.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await Server.AdminJsonAsync("/api/flows/abandoned-cart/webhook-deliveries")).EnumerateArray(),
            a => a.GetProperty("url").GetString()!.Contains("hooks.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WebhookTest_LoopbackTargetWithoutTheOption_RefusedInTheLogAndNoRequestMade()
    {
        await SaveFlowAsync();
        await using var receiver = WebhookReceiver.Start(200);

        string messageId;
        using (var response = await Server.AdminAsync(HttpMethod.Post, "/api/flows/abandoned-cart/webhook-test", JsonSerializer.Serialize(new { url = receiver.Url })))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            messageId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("messageId").GetString()!;
        }

        JsonElement attempt = default;
        await Server.WaitUntilAsync(async () =>
        {
            var log = (await Server.AdminJsonAsync($"/api/flows/abandoned-cart/webhook-deliveries?messageId={messageId}")).EnumerateArray().ToList();
            attempt = log.FirstOrDefault();
            return log.Count == 1;
        }, "the refused attempt in the delivery log");

        Assert.Equal((1, JsonValueKind.Null, "failed"),
            (attempt.GetProperty("attempt").GetInt32(), attempt.GetProperty("statusCode").ValueKind, attempt.GetProperty("outcome").GetString()));
        Assert.Equal("webhook target 127.0.0.1 is a loopback, private or link-local address; refused (set Webhooks:AllowPrivateTargets=true to allow it)",
            attempt.GetProperty("error").GetString());
        Assert.Empty(receiver.Received);
    }

    private async Task SaveFlowAsync()
    {
        using var saved = await Server.AdminAsync(HttpMethod.Post, "/api/flows", ShopperScript.FlowJson);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
    }
}
