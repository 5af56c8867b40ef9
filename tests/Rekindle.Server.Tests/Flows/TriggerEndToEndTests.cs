using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Postgres;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Flows;

/// <summary>
/// Timed triggers through the real server, its database and a real SMTP server: the seed's win-back (no visit for 90
/// days), surviving a restart between arming and firing, and a birthday at 09:00 in the shopper's own time zone.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class TriggerEndToEndTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private const string WinBack = """
        {"id":"win-back","name":"Win back","trigger":{"type":"inactivity","events":["Page Viewed"],"for":"90d"},
         "steps":[{"id":"mail","type":"sendEmail","subject":"We miss you, {{ contact.first_name }}","html":"<p>Come back</p>"}]}
        """;

    private const string Birthday = """
        {"id":"birthday","name":"Birthday","trigger":{"type":"dateTrait","trait":"birthday","at":"09:00","repeat":"yearly"},"reentry":"always",
         "steps":[{"id":"mail","type":"sendEmail","subject":"Happy birthday, {{ contact.first_name }}","html":"<p>Cake</p>"}]}
        """;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WinBack_SilentContactMailedOnDay90_VisitOnDay60MovesItToDay150_AcrossARestart(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres);
        var server = env.Server;
        await SaveAsync(server, WinBack);
        var day0 = DateTimeOffset.UtcNow;
        day0 = day0.AddTicks(-(day0.Ticks % TimeSpan.TicksPerSecond));   // whole seconds survive every store
        await AcceptedAsync(server, "/v1/identify", new { userId = "ann", messageId = Id(), timestamp = day0, traits = new { email = "ann@example.com", first_name = "Ann" } });
        await AcceptedAsync(server, "/v1/identify", new { userId = "wes", messageId = Id(), timestamp = day0, traits = new { email = "wes@example.com", first_name = "Wes" } });
        await AcceptedAsync(server, "/v1/track", new { userId = "ann", messageId = Id(), timestamp = day0, @event = "Page Viewed" });
        await AcceptedAsync(server, "/v1/track", new { userId = "wes", messageId = Id(), timestamp = day0, @event = "Page Viewed" });
        await server.WaitUntilAppliedAsync();

        await server.AdvanceClockAsync(60 * Day);
        await AcceptedAsync(server, "/v1/track", new { userId = "wes", messageId = Id(), timestamp = day0 + 60 * Day, @event = "Page Viewed" });
        await server.WaitUntilAppliedAsync();

        // Down between arming and firing: the clock's offset is lost with the process, the timers are not.
        await server.KillAsync();
        await server.StartAsync();
        await server.AdvanceClockAsync(90 * Day + TimeSpan.FromMinutes(1));
        var day90 = await env.Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));
        await server.WaitUntilAsync(async () => (await StatusAsync(server)).GetProperty("timersDue").GetInt32() == 0, "every due timer to be handled");
        Assert.Equal(("ann@example.com", "We miss you, Ann"), (Assert.Single(day90).Message.To.Mailboxes.Single().Address, day90[0].Message.Subject));
        Assert.Equal(1, (await StatusAsync(server)).GetProperty("timersPending").GetInt32());   // Wes's, moved to day 150

        await server.AdvanceClockAsync(60 * Day);
        var both = await env.Smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(30));
        await server.WaitUntilAsync(async () => (await StatusAsync(server)).GetProperty("timersPending").GetInt32() == 0, "Wes's timer to fire");
        Assert.Equal(["ann@example.com", "wes@example.com"], both.Select(m => m.Message.To.Mailboxes.Single().Address).Order());
        var wes = (await server.AdminJsonAsync("/api/contacts?userId=wes")).GetProperty("profile").GetProperty("id").GetString();
        var instance = Assert.Single((await server.AdminJsonAsync($"/api/flows/win-back/instances?contactId={wes}")).EnumerateArray());
        Assert.Equal(day0 + 150 * Day, instance.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(2, env.Smtp.ReadAll().Count);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Birthday_MailedAtNineInWarsaw_OnTheDayAndAgainNextYear(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres);
        var server = env.Server;
        await SaveAsync(server, Birthday);
        var now = DateTimeOffset.UtcNow;
        var warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");
        var birthday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, warsaw).DateTime).AddDays(10);
        var local = birthday.ToDateTime(new TimeOnly(9, 0));
        var due = new DateTimeOffset(local, warsaw.GetUtcOffset(local));
        await AcceptedAsync(server, "/v1/identify", new
        {
            userId = "ola", messageId = Id(), timestamp = now,
            traits = new { email = "ola@example.com", first_name = "Ola", timezone = "Europe/Warsaw", birthday = $"1990-{birthday:MM-dd}" },
        });
        await server.WaitUntilAppliedAsync();

        await server.AdvanceClockAsync(due - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1));
        var first = await env.Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));
        Assert.Equal("Happy birthday, Ola", Assert.Single(first).Message.Subject);
        var ola = (await server.AdminJsonAsync("/api/contacts?userId=ola")).GetProperty("profile").GetProperty("id").GetString();
        var instance = Assert.Single((await server.AdminJsonAsync($"/api/flows/birthday/instances?contactId={ola}")).EnumerateArray());
        Assert.Equal(due, instance.GetProperty("startedAt").GetDateTimeOffset());

        await server.AdvanceClockAsync(366 * Day);
        var second = await env.Smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(30));
        await server.WaitUntilAsync(async () => (await StatusAsync(server)).GetProperty("timersDue").GetInt32() == 0, "the second birthday to be handled");
        Assert.Equal(2, second.Count);
        var nextLocal = birthday.AddYears(1).ToDateTime(new TimeOnly(9, 0));
        var starts = (await server.AdminJsonAsync($"/api/flows/birthday/instances?contactId={ola}")).EnumerateArray()
            .Select(i => i.GetProperty("startedAt").GetDateTimeOffset()).Order();
        Assert.Equal([due, new DateTimeOffset(nextLocal, warsaw.GetUtcOffset(nextLocal))], starts);
    }

    private static string Id() => Guid.NewGuid().ToString("N");

    private static Task<JsonElement> StatusAsync(RekindleServerProcess server) => server.AdminJsonAsync("/api/engine/status");

    private static async Task SaveAsync(RekindleServerProcess server, string flow)
    {
        using var response = await server.AdminAsync(HttpMethod.Post, "/api/flows", flow);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task AcceptedAsync(RekindleServerProcess server, string path, object message)
    {
        using var response = await server.PostSegmentAsync(path, JsonSerializer.Serialize(message));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
