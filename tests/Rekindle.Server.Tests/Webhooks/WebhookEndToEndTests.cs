using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.AbandonedCart;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Postgres;
using Rekindle.Testing.Server;
using Rekindle.Testing.Webhooks;

namespace Rekindle.Server.Tests.Webhooks;

/// <summary>
/// Webhooks through the real server, on SQLite and PostgreSQL, to a receiver on loopback that verifies each request
/// with the secret the admin endpoint shows: a 500 is retried after the back-off (the dev clock moved), the delivery log
/// shows both attempts, a rotated secret signs what follows, and the secret appears in no log line and no other response.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class WebhookEndToEndTests(PostgresFixture postgres)
{
    private const string FlowId = "abandoned-cart";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Webhooks__AllowPrivateTargets"] = "true",
        // Everything Rekindle logs, down to Trace, must be free of the secret.
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Rekindle"] = "Trace",
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WebhookTest_500Then200_RetriedAfterTheBackOffSignedWithTheSecretTheAdminEndpointShows(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres, Settings);
        var server = env.Server;
        await using var receiver = WebhookReceiver.Start(500, 200, 200);
        using (var saved = await server.AdminAsync(HttpMethod.Post, "/api/flows", ShopperScript.FlowJson))
        {
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        }

        using (var identified = await server.PostSegmentAsync("/v1/identify", JsonSerializer.Serialize(new
        {
            userId = "u-jo", traits = new { email = "jo@example.com", first_name = "Jo \"JJ\" O'Neil" },
        })))
        {
            Assert.True(identified.IsSuccessStatusCode, await identified.Content.ReadAsStringAsync());
        }

        await server.WaitUntilAppliedAsync();
        var contactId = (await server.AdminJsonAsync("/api/contacts?email=jo@example.com")).GetProperty("profile").GetProperty("id").GetString()!;
        var secret = (await server.AdminJsonAsync($"/api/flows/{FlowId}/webhook-secret")).GetProperty("secret").GetString()!;
        Assert.Equal(secret, (await server.AdminJsonAsync($"/api/flows/{FlowId}/webhook-secret")).GetProperty("secret").GetString());

        var messageId = await QueueTestAsync(server, receiver.Url, contactId);
        await server.WaitUntilAsync(async () => (await DeliveriesAsync(server, messageId)).Count == 1, "the first attempt");
        await server.AdvanceClockAsync(TimeSpan.FromSeconds(30));
        await server.WaitUntilAsync(async () => (await DeliveriesAsync(server, messageId)).Count == 2, "the retry after the back-off");

        var log = await DeliveriesAsync(server, messageId);
        Assert.Equal([(2, 200, "delivered"), (1, 500, "retrying")],
            log.Select(a => (a.GetProperty("attempt").GetInt32(), a.GetProperty("statusCode").GetInt32(), a.GetProperty("outcome").GetString())));
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.True(r.SignatureVerifies(secret), "the signature does not verify with the admin endpoint's secret"));
        Assert.All(receiver.Received, r => Assert.Equal(messageId, r.Header("X-Rekindle-Message-Id")));
        using (var body = JsonDocument.Parse(receiver.Received[1].Body))
        {
            Assert.Equal(("Jo \"JJ\" O'Neil", contactId), (body.RootElement.GetProperty("name").GetString(), body.RootElement.GetProperty("contact").GetString()));
        }

        var message = Assert.Single((await server.AdminJsonAsync($"/api/contacts/{contactId}/messages")).EnumerateArray());
        Assert.Equal(("webhook", "sent", receiver.Url, 2), (message.GetProperty("channel").GetString(), message.GetProperty("status").GetString(),
            message.GetProperty("recipient").GetString(), message.GetProperty("attempts").GetInt32()));

        string rotated;
        using (var rotation = await server.AdminAsync(HttpMethod.Post, $"/api/flows/{FlowId}/webhook-secret/rotate"))
        {
            Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
            rotated = JsonDocument.Parse(await rotation.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;
        }

        Assert.NotEqual(secret, rotated);
        var next = await QueueTestAsync(server, receiver.Url, contactId);
        await server.WaitUntilAsync(async () => (await DeliveriesAsync(server, next)).Count == 1, "the webhook after the rotation");
        Assert.Equal((true, false), (receiver.Received[2].SignatureVerifies(rotated), receiver.Received[2].SignatureVerifies(secret)));

        foreach (var path in (string[])[$"/api/flows/{FlowId}", "/api/flows", $"/api/flows/{FlowId}/instances", $"/api/flows/{FlowId}/webhook-deliveries",
                     $"/api/contacts/{contactId}/messages", $"/api/contacts?email=jo@example.com", "/api/engine/status", "/openapi/v1.json"])
        {
            using var response = await server.AdminAsync(HttpMethod.Get, path);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(rotated, text, StringComparison.Ordinal);
        }

        Assert.Contains("Webhook " + messageId, server.Output, StringComparison.Ordinal);   // the log was captured
        Assert.DoesNotContain(secret, server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(rotated, server.Output, StringComparison.Ordinal);
    }

    private static async Task<string> QueueTestAsync(RekindleServerProcess server, string url, string contactId)
    {
        using var response = await server.AdminAsync(HttpMethod.Post, $"/api/flows/{FlowId}/webhook-test", JsonSerializer.Serialize(new
        {
            url, contactId, body = """{"contact": "{{ contact.id }}", "name": "{{ contact.first_name }}"}""",
        }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}\n{server.Output}");
        return JsonDocument.Parse(text).RootElement.GetProperty("messageId").GetString()!;
    }

    private static async Task<List<JsonElement>> DeliveriesAsync(RekindleServerProcess server, string messageId) =>
        [.. (await server.AdminJsonAsync($"/api/flows/{FlowId}/webhook-deliveries?messageId={messageId}")).EnumerateArray()];
}
