using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Postgres;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Flows;

/// <summary>
/// Dry runs through the real server and its database: a saved flow for an existing contact and for a described one,
/// messages rendered with the contact's name, and nothing sent or stored (no instance, visit, timer or message, no
/// email at the SMTP server).
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class FlowDryRunTests(PostgresFixture postgres)
{
    private const string Welcome = """
        {"id":"dry-welcome","name":"Welcome","trigger":{"events":["Signed Up"]},"goals":[{"event":"Order Completed"}],
         "steps":[{"id":"later","type":"wait","duration":"1d","next":"mail"},
                  {"id":"mail","type":"sendEmail","subject":"Welcome, {{ contact.first_name }}","html":"<p>Hello {{ contact.first_name }}</p>","next":"opened"},
                  {"id":"opened","type":"waitForEvent","event":"Email Opened","timeout":"2d","next":"crm","timeoutNext":null},
                  {"id":"crm","type":"sendWebhook","url":"https://crm.example.com/hooks","body":{"email":"{{ contact.email }}"},"next":null}]}
        """;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task DryRun_SavedFlow_ExistingAndDescribedContacts_RenderedAndNothingStoredOrSent(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres);
        var server = env.Server;
        using (var saved = await server.AdminAsync(HttpMethod.Post, "/api/flows", Welcome))
        {
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        }

        // An existing contact that never signed up: the flow has not started for it.
        using (var identified = await server.PostSegmentAsync("/v1/identify", JsonSerializer.Serialize(new
               { userId = "ann", messageId = Guid.NewGuid().ToString("N"), traits = new { email = "ann@example.com", first_name = "Ann", email_consent = "subscribed" } })))
        {
            Assert.Equal(HttpStatusCode.OK, identified.StatusCode);
        }

        await server.WaitUntilAppliedAsync();
        var ann = (await server.AdminJsonAsync("/api/contacts?userId=ann")).GetProperty("profile").GetProperty("id").GetString()!;
        var before = await server.AdminJsonAsync("/api/engine/status");

        var existing = await DryRunAsync(server, "/api/flows/dry-welcome/dry-run", $$"""
            {"contactId": "{{ann}}", "start": "2025-03-14T09:30:00Z", "events": [{"event": "Email Opened", "at": "+30h"}]}
            """);
        var described = await DryRunAsync(server, "/api/flows/dry-welcome/dry-run", """
            {"contact": {"traits": {"first_name": "Bea"}, "email": "bea@example.com", "consent": {"email": "unsubscribed"}},
             "start": "2025-03-14T09:30:00Z", "events": [{"event": "Order Completed", "at": "+2h"}]}
            """);

        // Ann: a day's wait, the email, an open six hours later, the webhook.
        Assert.Equal(ann, existing.GetProperty("contactId").GetString());
        Assert.Equal(
            ["later:waiting@2025-03-14T09:30:00+00:00", "later:next@2025-03-15T09:30:00+00:00", "mail:next@2025-03-15T09:30:00+00:00",
             "opened:waiting@2025-03-15T09:30:00+00:00", "opened:next/event@2025-03-15T15:30:00+00:00", "crm:completed@2025-03-15T15:30:00+00:00"],
            Path(existing));
        var mail = existing.GetProperty("messages")[0];
        Assert.Equal(("email", "ann@example.com", JsonValueKind.Null), (mail.GetProperty("channel").GetString(), mail.GetProperty("recipient").GetString(), mail.GetProperty("wouldSkip").ValueKind));
        Assert.Equal("Welcome, Ann", mail.GetProperty("email").GetProperty("subject").GetString());
        Assert.Equal("<p>Hello Ann</p>", mail.GetProperty("email").GetProperty("html").GetString());
        Assert.Equal("Hello Ann", mail.GetProperty("email").GetProperty("text").GetString());
        var hook = existing.GetProperty("messages")[1].GetProperty("webhook");
        Assert.Equal("""{"url":"https://crm.example.com/hooks","body":{"email":"ann@example.com"},"headers":{}}""", hook.GetRawText());
        Assert.Equal("""{"status":"completed","reason":null,"at":"2025-03-15T15:30:00+00:00","stepId":"crm"}""", existing.GetProperty("end").GetRawText());
        Assert.Equal(["timer", "event:Email Opened"], existing.GetProperty("waits").EnumerateArray().Select(w => w.GetProperty("endedBy").GetString()));

        // Bea ordered two hours in: the goal converts her journey before any email.
        Assert.Equal(["later:waiting@2025-03-14T09:30:00+00:00", "later:converted/Order Completed@2025-03-14T11:30:00+00:00"], Path(described));
        Assert.Equal(0, described.GetProperty("messages").GetArrayLength());
        Assert.Equal("goal:Order Completed", described.GetProperty("end").GetProperty("reason").GetString());
        Assert.Equal("""[{"event":"Order Completed","at":"2025-03-14T11:30:00+00:00","outcome":"moved"}]""", described.GetProperty("events").GetRawText());

        // Nothing reached the database or the SMTP server.
        await server.WaitUntilAppliedAsync();
        var after = await server.AdminJsonAsync("/api/engine/status");
        Assert.Equal((before.GetProperty("eventsStored").GetInt64(), 0, 0), (after.GetProperty("eventsStored").GetInt64(), after.GetProperty("timersPending").GetInt32(), after.GetProperty("timersDue").GetInt32()));
        Assert.Equal(0, (await server.AdminJsonAsync("/api/flows/dry-welcome/instances")).GetArrayLength());
        var stats = await server.AdminJsonAsync("/api/flows/dry-welcome/stats");
        Assert.Equal(0, stats.GetProperty("entered").GetInt64());
        Assert.All(stats.GetProperty("steps").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("entered").GetInt64()));
        Assert.Equal(0, (await server.AdminJsonAsync($"/api/contacts/{ann}/messages")).GetArrayLength());
        Assert.Equal(0, (await server.AdminJsonAsync($"/api/contacts/{ann}/journeys")).GetArrayLength());
        Assert.Empty(env.Smtp.ReadAll());
    }

    private static string[] Path(JsonElement run) =>
        [.. run.GetProperty("path").EnumerateArray().Select(v =>
            $"{v.GetProperty("stepId").GetString()}:{v.GetProperty("outcome").GetString()}" +
            $"{(v.GetProperty("path").ValueKind == JsonValueKind.Null ? "" : "/" + v.GetProperty("path").GetString())}@{v.GetProperty("at").GetDateTimeOffset():yyyy-MM-ddTHH:mm:sszzz}")];

    internal static async Task<JsonElement> DryRunAsync(RekindleServerProcess server, string path, string body)
    {
        var response = await ApiResponse.ReadAsync(server.AdminAsync(HttpMethod.Post, path, body));
        Assert.True(response.Status == HttpStatusCode.OK, $"{(int)response.Status}: {response.Body}");
        return response.Json;
    }
}
