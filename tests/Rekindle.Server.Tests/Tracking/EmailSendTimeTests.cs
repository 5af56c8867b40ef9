using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using static Rekindle.Server.Tests.Tracking.TrackedNewsletter;

namespace Rekindle.Server.Tests.Tracking;

/// <summary>
/// The send time per channel on a server of its own (the shop's pattern is this one contact): email opens count
/// double per active hour, so two opened mornings beat three browsing evenings for email, while SMS, which only
/// sees visits, keeps the evening.
/// </summary>
public sealed class EmailSendTimeTests(TrackingServerFixture fixture) : IClassFixture<TrackingServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task SendTime_OpensOnTwoWeeksAgainstVisitsOnThree_EmailAtTheOpensHourSmsAtTheVisitsHour()
    {
        var mail = await SendAsync(Server, SegmentCalls.NewId("rhythm"));
        // Both opens must fall in one hour of the clock: step past an hour that is about to end.
        if (await ClockAsync() is { Minute: >= 57 })
        {
            await Server.AdvanceClockAsync(TimeSpan.FromMinutes(4));
        }

        // Opened now and again a week later (the same hour of the week, two days: 2 active hours, weighing 2 each).
        Assert.Equal(HttpStatusCode.OK, (await Server.Http.GetAsync(mail.OpenPath)).StatusCode);
        await WaitForEventsAsync(Server, mail.ContactId, "Email Opened", 1);
        await Server.AdvanceClockAsync(TimeSpan.FromDays(7));
        Assert.Equal(HttpStatusCode.OK, (await Server.Http.GetAsync(mail.OpenPath)).StatusCode);
        var opens = await WaitForEventsAsync(Server, mail.ContactId, "Email Opened", 2);
        var openHours = opens.Select(o => HourOfWeek(o.GetProperty("timestamp").GetDateTimeOffset())).Distinct().ToList();
        var opensHour = Assert.Single(openHours);

        // Three browsing sessions of three pages, twelve hours of the week later, on the three weeks before (3 active hours).
        var firstOpen = opens[^1].GetProperty("timestamp").GetDateTimeOffset();
        var visitHour = new DateTimeOffset(firstOpen.UtcDateTime.Date.AddHours(firstOpen.UtcDateTime.Hour), TimeSpan.Zero).AddHours(12);
        var pages = Enumerable.Range(1, 3).SelectMany(week => Enumerable.Range(0, 3).Select(page => new
        {
            type = "page", userId = mail.UserId, name = "Home", messageId = $"visit-{mail.UserId}-{week}-{page}",
            timestamp = visitHour.AddDays(-7 * week).AddMinutes(5 + 10 * page),
        }));
        Assert.Equal(HttpStatusCode.OK, (await SegmentCalls.PostAsync(Server, "/v1/batch", JsonSerializer.Serialize(new { batch = pages }))).Status);
        await Server.WaitUntilAppliedAsync();
        var visitsHour = (opensHour + 12) % 168;

        // A whole week starting next Monday: every hour of the week is in the window once.
        var now = await ClockAsync();
        var monday = now.UtcDateTime.Date.AddDays(7 - ((int)now.UtcDateTime.DayOfWeek + 6) % 7);
        var window = $"earliest={monday:yyyy-MM-dd}T00:00:00Z&latest={monday.AddDays(7):yyyy-MM-dd}T00:00:00Z";
        var email = await Server.AdminJsonAsync($"/api/contacts/{mail.ContactId}/send-time?channel=email&{window}");
        var sms = await Server.AdminJsonAsync($"/api/contacts/{mail.ContactId}/send-time?channel=sms&{window}");

        // Email: the opens' hour 2 × 2 = 4 against the visits' 3 × 1 = 3, shrunk toward the shop (the same contact):
        // (4 + 10·4/7)/(7 + 10) ≈ 0.571. SMS sees only the visits: (3 + 10·3/3)/(3 + 10) = 1.
        Assert.Equal(monday.AddHours(opensHour), email.GetProperty("sendAt").GetDateTimeOffset().UtcDateTime);
        Assert.Equal("email", email.GetProperty("channel").GetString());
        Assert.Equal(opensHour, email.GetProperty("hourOfWeek").GetInt32());
        Assert.Equal(7, email.GetProperty("contactEvents").GetInt32());
        Assert.Equal((4 + 10 * 4 / 7.0) / 17, email.GetProperty("weight").GetDouble(), 1e-9);
        Assert.Equal(monday.AddHours(visitsHour), sms.GetProperty("sendAt").GetDateTimeOffset().UtcDateTime);
        Assert.Equal("sms", sms.GetProperty("channel").GetString());
        Assert.Equal(3, sms.GetProperty("contactEvents").GetInt32());
        Assert.Equal(1.0, sms.GetProperty("weight").GetDouble(), 1e-9);
    }

    private async Task<DateTimeOffset> ClockAsync() => (await Server.AdminJsonAsync("/api/dev/clock")).GetProperty("now").GetDateTimeOffset();

    private static int HourOfWeek(DateTimeOffset time) => ((int)time.UtcDateTime.DayOfWeek + 6) % 7 * 24 + time.UtcDateTime.Hour;
}
