using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Postgres;
using Rekindle.Testing.Server;
using Rekindle.Testing.Smtp;

namespace Rekindle.Server.Tests.Journeys;

/// <summary>
/// The seed's "someone opens the email, someone ignores it" through the real server, database and SMTP server: the
/// shopper whose mail client fetches the first email's open pixel takes one path, the one who ignores it the other —
/// and a server killed while they wait loses and duplicates nothing.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed partial class EngagementSplitTests(PostgresFixture postgres)
{
    private const string BaseUrl = "https://rekindle.example.com";

    private const string FlowJson = """
        {"id":"welcome-engagement","name":"Welcome, then follow up on engagement","trigger":{"events":["Signed Up"]},
         "goals":[{"event":"Order Completed"}],
         "steps":[
          {"id":"welcome","type":"sendEmail","subject":"Welcome, {{ contact.first_name }}","html":"<html><body><p>Hello {{ contact.first_name }}</p></body></html>","next":"opened"},
          {"id":"opened","type":"waitForEvent","event":"Email Opened","fromStep":"welcome","timeout":"3d","next":"tips","timeoutNext":"morning"},
          {"id":"tips","type":"sendEmail","subject":"Glad you liked it","html":"<p>Tips</p>"},
          {"id":"morning","type":"wait","until":{"time":"09:00"},"next":"nudge"},
          {"id":"nudge","type":"sendEmail","subject":"Did you miss this?","html":"<p>Again</p>"}
         ]}
        """;

    private static readonly Dictionary<string, string> Tracking = new() { ["Tracking__BaseUrl"] = BaseUrl };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task OpenerAndIgnorer_TakeTheirOwnPaths_EachMailedExactlyTwice(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres, Tracking);
        var server = env.Server;
        await SaveFlowAsync(server);
        var opener = await SignUpAsync(server, "opal");
        var ignorer = await SignUpAsync(server, "igor");
        var welcomes = await env.Smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(30));

        await OpenAsync(server, MailTo(welcomes, "opal"));
        await server.WaitUntilAsync(async () => await StatusAsync(server, opener) == "completed", "the opener's journey to complete");
        Assert.Equal("Glad you liked it", MailTo(await env.Smtp.WaitForMessagesAsync(3, TimeSpan.FromSeconds(30)), "opal", 1).Subject);

        // Three days on nobody opened the other email: that journey waits for the next 09:00, then nudges.
        await server.AdvanceClockAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await server.WaitUntilAsync(async () => await CurrentStepAsync(server, ignorer) == "morning", "the ignorer to wait for the morning");
        await server.AdvanceClockAsync(TimeSpan.FromDays(1));
        await server.WaitUntilAsync(async () => await StatusAsync(server, ignorer) == "completed", "the ignorer's journey to complete");
        var all = await env.Smtp.WaitForMessagesAsync(4, TimeSpan.FromSeconds(30));

        Assert.Equal(["Welcome, Opal", "Glad you liked it"], Subjects(all, "opal"));
        Assert.Equal(["Welcome, Igor", "Did you miss this?"], Subjects(all, "igor"));
        Assert.Equal(4, env.Smtp.ReadAll().Count);
        var journey = await JourneyAsync(server, ignorer);
        Assert.Equal([("welcome", "next", null), ("opened", "waiting", null), ("opened", "next", "timeout"), ("morning", "waiting", null),
                      ("morning", "next", null), ("nudge", "completed", null)], journey);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ServerKilledDuringEachKindOfWait_LosesAndDuplicatesNothing(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres, Tracking);
        var server = env.Server;
        await SaveFlowAsync(server);
        var opener = await SignUpAsync(server, "opal");
        var ignorer = await SignUpAsync(server, "igor");
        var welcomes = await env.Smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(30));

        // Killed while both wait for an event: the open reaches the restarted server. The kill comes once every queued
        // email is marked sent: one killed between the relay's OK and that mark is re-sent with the same Message-ID
        // (the outbox is at least once, docs/architecture.md), which is not what this test is about.
        await AllSentAsync(server);
        await server.KillAsync();
        await server.StartAsync();
        await OpenAsync(server, MailTo(welcomes, "opal"));
        await server.WaitUntilAsync(async () => await StatusAsync(server, opener) == "completed", "the opener's journey to complete");

        // The timeout falls due across a restart, then the wait until 09:00 too.
        await server.AdvanceClockAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await server.WaitUntilAsync(async () => await CurrentStepAsync(server, ignorer) == "morning", "the ignorer to wait for the morning");
        await AllSentAsync(server);
        await server.KillAsync();
        await server.StartAsync();

        // The dev clock's offset lives in the process: the restarted server is back at the real time, three days short.
        await server.AdvanceClockAsync(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        await server.WaitUntilAsync(async () => await StatusAsync(server, ignorer) == "completed", "the ignorer's journey to complete");
        var all = await env.Smtp.WaitForMessagesAsync(4, TimeSpan.FromSeconds(30));
        await AllSentAsync(server);

        Assert.Equal(["Welcome, Opal", "Glad you liked it"], Subjects(all, "opal"));
        Assert.Equal(["Welcome, Igor", "Did you miss this?"], Subjects(all, "igor"));
        Assert.Equal(4, (await server.AdminJsonAsync("/api/dev/mailbox")).GetArrayLength());
        Assert.Equal(4, env.Smtp.ReadAll().Count);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task GoalReachedWhileWaiting_ConvertsAndSendsNothingMore(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres, Tracking);
        var server = env.Server;
        await SaveFlowAsync(server);
        var buyer = await SignUpAsync(server, "bea");
        await env.Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));

        var order = JsonSerializer.Serialize(new
        {
            userId = "bea", messageId = SegmentCalls.NewId("order"), @event = "Order Completed",
            properties = new { order_id = "o-1", total = 20.0, currency = "EUR", products = new[] { new { product_id = "p-1", price = 20.0, quantity = 1 } } },
        });
        Assert.Equal(HttpStatusCode.OK, (await SegmentCalls.PostAsync(server, "/v1/track", order)).Status);
        await server.WaitUntilAsync(async () => await StatusAsync(server, buyer) == "converted", "the journey to convert");
        await server.AdvanceClockAsync(TimeSpan.FromDays(5));
        await server.WaitUntilAppliedAsync();

        var instance = (await server.AdminJsonAsync($"/api/flows/welcome-engagement/instances?contactId={buyer}"))[0];
        Assert.Equal("goal:Order Completed", instance.GetProperty("exitReason").GetString());
        Assert.Equal(["Welcome, Bea"], env.Smtp.ReadAll().Select(m => m.Message.Subject));
        Assert.Equal(1, (await server.AdminJsonAsync("/api/dev/mailbox")).GetArrayLength());
    }

    private static Task AllSentAsync(RekindleServerProcess server) => server.WaitUntilAsync(
        async () => (await server.AdminJsonAsync("/api/dev/mailbox")).EnumerateArray().All(m => m.GetProperty("status").GetString() == "sent"),
        "every message to be marked sent");

    /// <summary>What a mail client showing the email does: fetch its open pixel.</summary>
    private static async Task OpenAsync(RekindleServerProcess server, MimeKit.MimeMessage mail)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, OpenPixel().Match(mail.HtmlBody ?? "").Groups[1].Value);
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (Test Mail Client)");
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(request)).StatusCode);
    }

    private static async Task SaveFlowAsync(RekindleServerProcess server)
    {
        using var response = await server.AdminAsync(HttpMethod.Post, "/api/flows", FlowJson);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> SignUpAsync(RekindleServerProcess server, string userId)
    {
        var name = char.ToUpperInvariant(userId[0]) + userId[1..];
        var identify = JsonSerializer.Serialize(new { userId, traits = new { email = userId + "@example.com", first_name = name } });
        Assert.Equal(HttpStatusCode.OK, (await SegmentCalls.PostAsync(server, "/v1/identify", identify)).Status);
        var track = JsonSerializer.Serialize(new { userId, messageId = SegmentCalls.NewId("signup"), @event = "Signed Up" });
        Assert.Equal(HttpStatusCode.OK, (await SegmentCalls.PostAsync(server, "/v1/track", track)).Status);
        var contactId = await ContactQueries.WaitForContactAsync(server, "userId", userId);
        await server.WaitUntilAsync(async () => await StatusAsync(server, contactId) is not null, $"{userId}'s journey to start");
        return contactId;
    }

    private static async Task<JsonElement?> InstanceAsync(RekindleServerProcess server, string contactId)
    {
        var list = await server.AdminJsonAsync($"/api/flows/welcome-engagement/instances?contactId={contactId}");
        return list.GetArrayLength() == 0 ? null : list[0];
    }

    private static async Task<string?> StatusAsync(RekindleServerProcess server, string contactId) =>
        (await InstanceAsync(server, contactId))?.GetProperty("status").GetString();

    private static async Task<string?> CurrentStepAsync(RekindleServerProcess server, string contactId) =>
        (await InstanceAsync(server, contactId))?.GetProperty("currentStepId").GetString();

    private static async Task<List<(string, string, string?)>> JourneyAsync(RekindleServerProcess server, string contactId)
    {
        var journeys = await server.AdminJsonAsync($"/api/contacts/{contactId}/journeys");
        return [.. Assert.Single(journeys.EnumerateArray()).GetProperty("path").EnumerateArray()
            .Select(v => (v.GetProperty("stepId").GetString()!, v.GetProperty("outcome").GetString()!, v.GetProperty("path").GetString()))];
    }

    private static MimeKit.MimeMessage MailTo(IReadOnlyList<ReceivedMail> mails, string user, int index = 0) =>
        mails.Where(m => m.Message.To.Mailboxes.Single().Address == user + "@example.com").OrderBy(m => m.ReceivedAt).ElementAt(index).Message;

    private static List<string> Subjects(IReadOnlyList<ReceivedMail> mails, string user) =>
        [.. mails.Where(m => m.Message.To.Mailboxes.Single().Address == user + "@example.com").OrderBy(m => m.ReceivedAt).Select(m => m.Message.Subject ?? "")];

    [GeneratedRegex("""<img src="https://rekindle\.example\.com(/t/o/[^"]+)" """)]
    private static partial Regex OpenPixel();
}
