using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Postgres;
using Rekindle.Testing.Server;
using Rekindle.Testing.Webhooks;

namespace Rekindle.Server.Tests.Journeys;

/// <summary>
/// A flow's sendWebhook step through the real server: the shop's receiver on loopback answers 500, then 200; the
/// step's signed JSON body arrives twice (the retry after the back-off), verifies with the flow's secret, and the flow's
/// stats count one message sent by the step.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class WebhookStepTests(PostgresFixture postgres)
{
    private static readonly Dictionary<string, string> Settings = new() { ["Webhooks__AllowPrivateTargets"] = "true" };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SendWebhookStep_500Then200_DeliveredSignedAfterTheRetryAndCounted(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres, Settings);
        var server = env.Server;
        await using var receiver = WebhookReceiver.Start(500, 200);
        var flow = $$$"""
            {"id":"crm-sync","name":"Tell the CRM about sign-ups","trigger":{"events":["Signed Up"]},
             "steps":[{"id":"crm","type":"sendWebhook","url":"{{{receiver.Url}}}",
                       "body":{"email":"{{ contact.email }}","name":"{{ contact.first_name }}","plan":"{{ contact.traits.plan }}"}}]}
            """;
        using (var saved = await server.AdminAsync(HttpMethod.Post, "/api/flows", flow))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        }

        var identify = JsonSerializer.Serialize(new { userId = "u-kim", traits = new { email = "kim@example.com", first_name = "Kim \"K\"", plan = "pro" } });
        Assert.Equal(HttpStatusCode.OK, (await SegmentCalls.PostAsync(server, "/v1/identify", identify)).Status);
        var track = JsonSerializer.Serialize(new { userId = "u-kim", messageId = SegmentCalls.NewId("signup"), @event = "Signed Up" });
        Assert.Equal(HttpStatusCode.OK, (await SegmentCalls.PostAsync(server, "/v1/track", track)).Status);

        await server.WaitUntilAsync(async () => (await DeliveriesAsync(server)).Count == 1, "the first attempt");
        await server.AdvanceClockAsync(TimeSpan.FromSeconds(30));
        await server.WaitUntilAsync(async () => (await DeliveriesAsync(server)).Count == 2, "the retry after the back-off");

        var secret = (await server.AdminJsonAsync("/api/flows/crm-sync/webhook-secret")).GetProperty("secret").GetString()!;
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.True(r.SignatureVerifies(secret), "the signature does not verify with the flow's secret"));
        using (var body = JsonDocument.Parse(receiver.Received[1].Body))
        {
            Assert.Equal(("kim@example.com", "Kim \"K\"", "pro"), (body.RootElement.GetProperty("email").GetString(),
                body.RootElement.GetProperty("name").GetString(), body.RootElement.GetProperty("plan").GetString()));
        }

        var stats = await server.AdminJsonAsync("/api/flows/crm-sync/stats");
        var step = Assert.Single(stats.GetProperty("steps").EnumerateArray());
        Assert.Equal((1L, 1L, 1L, 1L), (stats.GetProperty("entered").GetInt64(), stats.GetProperty("completed").GetInt64(),
            step.GetProperty("entered").GetInt64(), step.GetProperty("messagesSent").GetInt64()));
    }

    private static async Task<List<JsonElement>> DeliveriesAsync(RekindleServerProcess server) =>
        [.. (await server.AdminJsonAsync("/api/flows/crm-sync/webhook-deliveries")).EnumerateArray()];
}
