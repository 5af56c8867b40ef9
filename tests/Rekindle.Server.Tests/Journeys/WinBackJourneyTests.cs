using System.Net;
using System.Text.RegularExpressions;
using Rekindle.Core.Intelligence.Rfm;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing;
using Rekindle.Testing.Postgres;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Journeys;

/// <summary>
/// Intelligence driving a journey end to end: order history imported, RFM scored, the segment change starts a flow
/// filtered on the new segment, and its email carries a coupon valued for that segment.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed partial class WinBackJourneyTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SegmentChangeIntoAboutToSleep_StartsTheFlowForThatCustomerOnly_WithItsTierCoupon(string provider)
    {
        await using var env = await ServerEnvironment.StartAsync(provider, postgres);
        var server = env.Server;
        await PostAsync(server, "/api/coupons/campaigns", """
            {"id":"nap","name":"Wake up","codes":"pattern","pattern":"NAP-******","validFor":"14d",
             "tiers":[{"name":"sleepy","when":{"rfmSegments":["About to Sleep"]},"percentOff":15},{"name":"others","percentOff":5}]}
            """, HttpStatusCode.Created);
        await PostAsync(server, "/api/flows", """
            {"id":"wake-up","name":"Wake up","trigger":{"events":["RFM Segment Changed"],"where":{"to":"About to Sleep"}},
             "steps":[{"id":"mail","type":"sendEmail","coupon":"nap","subject":"{{ coupon.value }} off your next order",
                       "html":"<p>{{ coupon.code }} until {{ coupon.expires_at | date: '%Y-%m-%d' }}</p>"}]}
            """, HttpStatusCode.OK);

        // docs/import.md's two customers scored at 2024-03-10: c-17 (Ann) R3 FM1, c-42 (Bob) R5 FM2 (see RfmApiTests).
        await PostAsync(server, "/api/orders/import?format=generic", SampleOrders.GenericDocsExample, HttpStatusCode.OK);
        await server.WaitUntilAppliedAsync();
        await PostAsync(server, "/api/analytics/rfm/score?asOf=2024-03-10T00:00:00Z", "", HttpStatusCode.OK);
        await server.WaitUntilAppliedAsync();

        Assert.Equal("About to Sleep", RfmSegmentMap.Default.SegmentOf(3, 1));
        var mailbox = default(System.Text.Json.JsonElement);
        await server.WaitUntilAsync(async () => (mailbox = await server.AdminJsonAsync("/api/dev/mailbox")).GetArrayLength() == 1, "the wake-up email");
        var mail = mailbox[0];
        Assert.Equal(("ann.lee@example.com", "15% off your next order", "wake-up"),
            (mail.GetProperty("to").GetString(), mail.GetProperty("subject").GetString(), mail.GetProperty("flowId").GetString()));
        var html = (await server.AdminJsonAsync($"/api/dev/mailbox/{mail.GetProperty("id").GetString()}")).GetProperty("html").GetString()!;
        var code = CodePattern().Match(html).Value;
        var coupon = await server.AdminJsonAsync($"/api/coupons/{code}");
        var ann = (await server.AdminJsonAsync("/api/contacts?userId=c-17")).GetProperty("profile").GetProperty("id").GetString();
        Assert.Equal((ann, "sleepy", "issued"),
            (coupon.GetProperty("contactId").GetString(), coupon.GetProperty("tier").GetString(), coupon.GetProperty("status").GetString()));
        var expires = coupon.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.Equal($"<p>{code} until {expires:yyyy-MM-dd}</p>", html);
        var bob = (await server.AdminJsonAsync("/api/contacts?userId=c-42")).GetProperty("profile").GetProperty("id").GetString();
        Assert.Equal(0, (await server.AdminJsonAsync($"/api/contacts/{bob}/coupons")).GetArrayLength());
    }

    private static async Task PostAsync(RekindleServerProcess server, string path, string body, HttpStatusCode expected)
    {
        using var response = await server.AdminAsync(HttpMethod.Post, path, body);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex("NAP-[A-HJ-NP-Z2-9]{6}")]
    private static partial Regex CodePattern();
}
