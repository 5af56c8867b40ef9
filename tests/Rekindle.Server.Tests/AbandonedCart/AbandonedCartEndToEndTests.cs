using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Postgres;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.AbandonedCart;

/// <summary>
/// The seed's job, end to end against the real server process, a real database and a real SMTP
/// server: an anonymous shopper adds a product, leaves an email, does not buy, and 24 hours later
/// receives exactly one email with the cart in it.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class AbandonedCartEndToEndTests(PostgresFixture postgres)
{
    private static readonly TimeSpan PastTheWait = TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CartAbandoned_After24Hours_ExactlyOneEmailWithTheCart(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres);
        var server = env.Server;
        var (anonymousId, now, contactId) = await CartLeftAsync(server, "ada@example.com", "Ada");

        // A second cart event while the flow waits must not start a second journey.
        await AcceptedAsync(server.PostSegmentAsync("/v1/track", JsonSerializer.Serialize(new
        {
            anonymousId, messageId = Guid.NewGuid().ToString(), @event = "Product Added", timestamp = now.AddMinutes(2),
            properties = ShopperScript.Shoe,
        })));
        await server.WaitUntilAsync(async () => (await TimelineAsync(server, contactId)).GetArrayLength() == 6, "the second Product Added to be applied");

        await server.AdvanceClockAsync(PastTheWait);
        var mails = await env.Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));
        await server.WaitUntilAsync(async () => await InstanceStatusAsync(server, contactId) == "completed", "the flow to complete");

        var mail = Assert.Single(mails).Message;
        Assert.Equal("ada@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Ada, your cart is waiting", mail.Subject);
        Assert.Contains("Trail Running Shoe", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("× 2: €89.95", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("- Trail Running Shoe x 2: 89.95", mail.TextBody, StringComparison.Ordinal);
        Assert.Single((await server.AdminJsonAsync($"/api/flows/abandoned-cart/instances?contactId={contactId}")).EnumerateArray());
        Assert.Single(env.Smtp.ReadAll());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task OrderCompletedWithin24Hours_NoEmail(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres);
        var server = env.Server;
        var (anonymousId, now, contactId) = await CartLeftAsync(server, "bob@example.com", "Bob");
        await AcceptedAsync(server.PostSegmentAsync("/v1/track", ShopperScript.OrderCompleted(anonymousId, now.AddMinutes(20))));
        await server.WaitUntilAsync(async () => (await ContactAsync(server, contactId)).GetProperty("profile").GetProperty("orders").GetInt32() == 1,
            "the order to be applied");

        await server.AdvanceClockAsync(PastTheWait);
        await server.WaitUntilAsync(async () => await InstanceStatusAsync(server, contactId) == "exited", "the flow to exit");

        Assert.Empty(env.Smtp.ReadAll());
        Assert.Equal(0, (await server.AdminJsonAsync("/api/dev/mailbox")).GetArrayLength());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ServerKilledWhileFlowWaits_AfterRestartEmailGoesOutExactlyOnce(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres);
        var server = env.Server;
        await SaveFlowAsync(server);
        var anonymousId = "anon-" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow.AddMinutes(-30);

        await AcceptedAsync(server.PostSegmentAsync("/v1/identify", ShopperScript.Identify(anonymousId, "cy@example.com", "Cy", now)));
        await AcceptedAsync(server.PostSegmentAsync("/v1/batch", ShopperScript.BrowseAndAdd(anonymousId, now.AddSeconds(5))));
        await server.KillAsync();   // straight after the 2xx: the event may not even have reached its contact

        await server.StartAsync();
        var contactId = await WaitForActiveInstanceAsync(server, "cy@example.com");
        await server.AdvanceClockAsync(PastTheWait);
        var mails = await env.Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));
        await server.WaitUntilAsync(async () => await InstanceStatusAsync(server, contactId) == "completed", "the flow to complete");
        await server.WaitUntilAsync(async () => (await server.AdminJsonAsync("/api/dev/mailbox"))[0].GetProperty("status").GetString() == "sent",
            "the message to be marked sent");

        Assert.Equal("Cy, your cart is waiting", Assert.Single(mails).Message.Subject);
        Assert.Equal(1, (await server.AdminJsonAsync("/api/dev/mailbox")).GetArrayLength());
        Assert.Single(env.Smtp.ReadAll());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task IdentifyAfterAnonymousBrowsing_AnonymousEventsInKnownContactsTimeline(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres);
        var server = env.Server;
        var now = DateTimeOffset.UtcNow.AddMinutes(-30);

        // A known customer from an earlier visit (another device) ...
        await AcceptedAsync(server.PostSegmentAsync("/v1/identify", JsonSerializer.Serialize(new
        {
            userId = "cust-77", messageId = Guid.NewGuid().ToString(), timestamp = now.AddDays(-3),
            traits = new { email = "dee@example.com", first_name = "Dee" },
        })));
        // ... browses anonymously today, then logs in.
        var anonymousId = "anon-" + Guid.NewGuid().ToString("N");
        await AcceptedAsync(server.PostSegmentAsync("/v1/batch", ShopperScript.BrowseAndAdd(anonymousId, now)));
        await server.WaitUntilAsync(async () => (await server.AdminAsync(HttpMethod.Get, $"/api/contacts?anonymousId={anonymousId}")).StatusCode == HttpStatusCode.OK,
            "the anonymous contact to exist");
        var anonymousContact = (await server.AdminJsonAsync($"/api/contacts?anonymousId={anonymousId}")).GetProperty("profile").GetProperty("id").GetString()!;
        await AcceptedAsync(server.PostSegmentAsync("/v1/identify", JsonSerializer.Serialize(new
        {
            userId = "cust-77", anonymousId, messageId = Guid.NewGuid().ToString(), timestamp = now.AddMinutes(1),
        })));

        await server.WaitUntilAsync(async () =>
            (await server.AdminJsonAsync($"/api/contacts?anonymousId={anonymousId}")).GetProperty("profile").GetProperty("userId").GetString() == "cust-77",
            "the anonymous contact to be merged into the known one");
        var known = await server.AdminJsonAsync("/api/contacts?email=dee@example.com");
        var knownId = known.GetProperty("profile").GetProperty("id").GetString()!;
        var timeline = await TimelineAsync(server, knownId);

        Assert.NotEqual(anonymousContact, knownId);
        Assert.Equal(6, timeline.GetArrayLength());
        Assert.Equal(4, timeline.EnumerateArray().Count(e => e.GetProperty("anonymousId").GetString() == anonymousId && e.GetProperty("userId").ValueKind == JsonValueKind.Null));
        Assert.Equal(["identify", "track", "track", "page", "page", "identify"],
            timeline.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray());
        Assert.Equal(1, known.GetProperty("profile").GetProperty("cart").GetArrayLength());
        Assert.Equal("Dee", known.GetProperty("profile").GetProperty("traits").GetProperty("first_name").GetString());
        // The merged contact's id still leads to the survivor.
        Assert.Equal(knownId, (await ContactAsync(server, anonymousContact)).GetProperty("profile").GetProperty("id").GetString());
    }

    /// <summary>The flow saved; an anonymous shopper browsed, added the shoe and left an email half an hour ago.</summary>
    private static async Task<(string AnonymousId, DateTimeOffset At, string ContactId)> CartLeftAsync(
        RekindleServerProcess server, string email, string firstName)
    {
        await SaveFlowAsync(server);
        var anonymousId = "anon-" + Guid.NewGuid().ToString("N");
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        await AcceptedAsync(server.PostSegmentAsync("/v1/batch", ShopperScript.BrowseAndAdd(anonymousId, at)));
        await AcceptedAsync(server.PostSegmentAsync("/v1/identify", ShopperScript.Identify(anonymousId, email, firstName, at.AddMinutes(1))));
        return (anonymousId, at, await WaitForActiveInstanceAsync(server, email));
    }

    private static async Task SaveFlowAsync(RekindleServerProcess server)
    {
        using var response = await server.AdminAsync(HttpMethod.Post, "/api/flows", ShopperScript.FlowJson);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task AcceptedAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(0, JsonDocument.Parse(body).RootElement.GetProperty("rejected").GetArrayLength());
    }

    private static async Task<string> WaitForActiveInstanceAsync(RekindleServerProcess server, string email)
    {
        string? contactId = null;
        await server.WaitUntilAsync(async () =>
        {
            using var response = await server.AdminAsync(HttpMethod.Get, $"/api/contacts?email={email}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            contactId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("profile").GetProperty("id").GetString();
            return await InstanceStatusAsync(server, contactId!) == "active";
        }, $"an active abandoned-cart instance for {email}");
        return contactId!;
    }

    private static async Task<string?> InstanceStatusAsync(RekindleServerProcess server, string contactId)
    {
        var instances = await server.AdminJsonAsync($"/api/flows/abandoned-cart/instances?contactId={contactId}");
        return instances.GetArrayLength() == 0 ? null : Assert.Single(instances.EnumerateArray()).GetProperty("status").GetString();
    }

    private static Task<JsonElement> ContactAsync(RekindleServerProcess server, string contactId) =>
        server.AdminJsonAsync($"/api/contacts/{contactId}");

    private static async Task<JsonElement> TimelineAsync(RekindleServerProcess server, string contactId) =>
        (await server.AdminJsonAsync($"/api/contacts/{contactId}/events")).GetProperty("events");
}
