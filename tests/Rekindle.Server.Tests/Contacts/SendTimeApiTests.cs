using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Contacts;

/// <summary>GET /api/contacts/{id}/send-time: the contact's own rhythm when it has one, the shop's when it has not.</summary>
public sealed class SendTimeApiTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task SendTime_EveningReaderMorningReaderAndNewcomer_TheirHoursNextTuesday()
    {
        var server = fixture.Server;
        var today = DateTime.UtcNow.Date;
        var lastTuesday = today.AddDays(-(((int)today.DayOfWeek - (int)DayOfWeek.Tuesday + 7) % 7 + 7));
        var nextTuesday = today.AddDays(((int)DayOfWeek.Tuesday - (int)today.DayOfWeek + 7) % 7 + 7);

        // The evening reader visits (four pages) every Tuesday 20:xx UTC of the last four weeks, the morning reader
        // (six pages) every Tuesday 09:xx of the last six; the newcomer once, on a Saturday night. Pages within one
        // hour of one day are one active hour, so that is 4 evenings, 6 mornings and 1 night.
        var visits = new List<object>();
        for (var week = 0; week < 6; week++)
        {
            var tuesday = lastTuesday.AddDays(-7 * week);
            if (week < 4)
            {
                visits.AddRange(Enumerable.Range(0, 4).Select(i => Page("evening", tuesday.AddHours(20).AddMinutes(5 + 15 * i))));
            }

            visits.AddRange(Enumerable.Range(0, 6).Select(i => Page("morning", tuesday.AddHours(9).AddMinutes(5 + 10 * i))));
        }

        visits.Add(Page("newcomer", lastTuesday.AddDays(4).AddHours(3)));
        using (var response = await server.PostSegmentAsync("/v1/batch", JsonSerializer.Serialize(new { batch = visits })))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await server.WaitUntilAppliedAsync();
        var window = $"earliest={nextTuesday:yyyy-MM-dd}T00:00:00Z&latest={nextTuesday.AddDays(1):yyyy-MM-dd}T00:00:00Z";

        // Shares after shrinkage toward the shop (k = 10; the shop: 4 active hours Tue 20, 6 Tue 09, 1 Sat 03):
        // evening reader: Tue 20 = (4 + 10·4/11)/14 ≈ 0.55 against Tue 09 = (10·6/11)/14 ≈ 0.39;
        // newcomer: its Saturday (1 + 10/11)/11 ≈ 0.17 is outside the window; Tue 09 = (10·6/11)/11 ≈ 0.50 against
        // Tue 20 = (10·4/11)/11 ≈ 0.33.
        Assert.Equal(nextTuesday.AddHours(20), await SendAtAsync(server, "evening", window));
        Assert.Equal(nextTuesday.AddHours(9), await SendAtAsync(server, "morning", window));
        Assert.Equal(nextTuesday.AddHours(9), await SendAtAsync(server, "newcomer", window));
    }

    [Fact]
    public async Task SendTime_MissingAndBadParameters_400NamingEach()
    {
        using var response = await fixture.Server.AdminAsync(HttpMethod.Get, "/api/contacts/any/send-time?channel=fax&earliest=soon");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("problems")
            .EnumerateArray().Select(p => $"{p.GetProperty("field").GetString()}: {p.GetProperty("problem").GetString()}").ToList();
        Assert.Equal(["channel: 'fax' is not one of email, sms, push", "earliest: 'soon' is not an ISO-8601 date-time",
            "latest: is required (an ISO-8601 date-time)"], problems);
    }

    private static object Page(string who, DateTime at) => new
    {
        type = "page", anonymousId = who, messageId = Guid.NewGuid().ToString(), timestamp = new DateTimeOffset(at, TimeSpan.Zero), name = "Home",
    };

    private static async Task<DateTime> SendAtAsync(RekindleServerProcess server, string anonymousId, string window)
    {
        var id = (await server.AdminJsonAsync($"/api/contacts?anonymousId={anonymousId}")).GetProperty("profile").GetProperty("id").GetString();
        var choice = await server.AdminJsonAsync($"/api/contacts/{id}/send-time?channel=email&{window}");
        return choice.GetProperty("sendAt").GetDateTimeOffset().UtcDateTime;
    }
}
