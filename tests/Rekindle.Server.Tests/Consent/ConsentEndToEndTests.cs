using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.AbandonedCart;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using static Rekindle.Server.Tests.Infrastructure.SegmentCalls;

namespace Rekindle.Server.Tests.Consent;

/// <summary>
/// Consent through the real server (dev mailbox, SQLite): a shopper who unsubscribed gets no abandoned-cart email, and
/// the journey, the messages and the consent API say why; a consent value Rekindle cannot map is refused.
/// </summary>
public sealed class ConsentEndToEndTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task UnsubscribedShopper_CartAbandoned_NoEmailAndTheJourneyAndTheApiSayWhy()
    {
        using (var saved = await Server.AdminAsync(HttpMethod.Post, "/api/flows", ShopperScript.FlowJson))
        {
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        }

        var anonymousId = "anon-" + Guid.NewGuid().ToString("N");
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var identifyId = "identify-" + Guid.NewGuid().ToString("N");
        await AcceptedAsync(Server.PostSegmentAsync("/v1/batch", ShopperScript.BrowseAndAdd(anonymousId, at)));
        await AcceptedAsync(Server.PostSegmentAsync("/v1/identify", JsonSerializer.Serialize(new
        {
            anonymousId, messageId = identifyId, timestamp = at.AddMinutes(1),
            traits = new { email = "una@example.com", first_name = "Una", email_consent = "unsubscribed" },
        })));
        await Server.WaitUntilAppliedAsync();
        var contact = await Server.AdminJsonAsync("/api/contacts?email=una@example.com");
        var contactId = contact.GetProperty("profile").GetProperty("id").GetString()!;
        Assert.Equal("unsubscribed", contact.GetProperty("consent").GetProperty("email").GetProperty("state").GetString());
        Assert.Equal("unknown", contact.GetProperty("consent").GetProperty("sms").GetProperty("state").GetString());

        await Server.AdvanceClockAsync(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        JsonElement journey = default;
        await Server.WaitUntilAsync(async () =>
        {
            journey = Assert.Single((await Server.AdminJsonAsync($"/api/flows/abandoned-cart/instances?contactId={contactId}")).EnumerateArray());
            return journey.GetProperty("status").GetString() == "completed";
        }, "the journey to pass its sendEmail step");

        var step = Assert.Single(journey.GetProperty("messages").EnumerateArray());
        Assert.Equal(("email", "skipped", "consent: email unsubscribed"),
            (step.GetProperty("stepId").GetString(), step.GetProperty("status").GetString(), step.GetProperty("reason").GetString()));
        var message = Assert.Single((await Server.AdminJsonAsync($"/api/contacts/{contactId}/messages")).EnumerateArray());
        Assert.Equal((step.GetProperty("id").GetString(), "skipped", "consent: email unsubscribed", "marketing"),
            (message.GetProperty("id").GetString(), message.GetProperty("status").GetString(), message.GetProperty("reason").GetString(),
             message.GetProperty("kind").GetString()));
        Assert.DoesNotContain((await Server.AdminJsonAsync("/api/dev/mailbox")).EnumerateArray(),
            m => m.GetProperty("recipient").GetString() == "una@example.com");

        var consent = await Server.AdminJsonAsync($"/api/contacts/{contactId}/consent");
        var email = consent.GetProperty("channels").GetProperty("email");
        Assert.Equal(("unsubscribed", "identify trait email_consent", identifyId),
            (email.GetProperty("state").GetString(), email.GetProperty("source").GetString(), email.GetProperty("messageId").GetString()));
        var change = Assert.Single(consent.GetProperty("history").EnumerateArray());
        Assert.Equal(("email", "identify trait email_consent", identifyId, "unknown", "unsubscribed", "applied"),
            (change.GetProperty("channel").GetString(), change.GetProperty("source").GetString(), change.GetProperty("messageId").GetString(),
             change.GetProperty("previousState").GetString(), change.GetProperty("newState").GetString(), change.GetProperty("outcome").GetString()));
        Assert.Equal(at.AddMinutes(1).ToUnixTimeMilliseconds(), change.GetProperty("at").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Identify_UnmappableConsentValue_400NamingTheTraitAndNothingStored()
    {
        var userId = "u-" + Guid.NewGuid().ToString("N");

        var response = await PostAsync(Server, "/v1/identify",
            JsonSerializer.Serialize(new { userId, traits = new { email = "may@example.com", email_consent = "maybe" } }));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var rejected = Assert.Single(response.Json.GetProperty("rejected").EnumerateArray());
        var problem = Assert.Single(rejected.GetProperty("problems").EnumerateArray());
        Assert.Equal("traits.email_consent", problem.GetProperty("field").GetString());
        Assert.StartsWith("traits.email_consent is not a consent value: \"maybe\"", response.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("is not a consent value: \"maybe\"; expected true or false", problem.GetProperty("problem").GetString(), StringComparison.Ordinal);
        await Server.WaitUntilAppliedAsync();
        using var lookup = await Server.AdminAsync(HttpMethod.Get, $"/api/contacts?userId={userId}");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task Batch_OneUnmappableConsentValue_OnlyThatMessageRejected()
    {
        var response = await PostAsync(Server, "/v1/batch", """
            {"batch":[
              {"type":"identify","userId":"u-ok","messageId":"m-ok","traits":{"emailConsent":"Opted_In"}},
              {"type":"identify","userId":"u-bad","messageId":"m-bad","traits":{"sms_consent":"sometimes"}}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1, response.Json.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(response.Json.GetProperty("rejected").EnumerateArray());
        Assert.Equal((1, "m-bad", "batch[1].traits.sms_consent"),
            (rejected.GetProperty("index").GetInt32(), rejected.GetProperty("messageId").GetString(),
             Assert.Single(rejected.GetProperty("problems").EnumerateArray()).GetProperty("field").GetString()));
    }

    private static async Task AcceptedAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(0, JsonDocument.Parse(body).RootElement.GetProperty("rejected").GetArrayLength());
    }
}
