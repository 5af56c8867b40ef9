using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.Catalog;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Coupons;

/// <summary>Coupon campaigns, pools, lookups and issuing through the real server; redemption by a Segment order.</summary>
public sealed class CouponsApiTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    // One server serves the whole class: each test uses campaigns of its own (the id is replaced).
    private const string PoolCampaign = """
        {"id":"welcome","name":"Welcome","codes":"pool","validFor":"30d",
         "tiers":[{"name":"vip","when":{"rfmSegments":["Champions"]},"percentOff":15},{"name":"all","amountOff":5,"currency":"EUR"}]}
        """;

    private const string PatternCampaign = """
        {"id":"thanks","name":"Thank you","codes":"pattern","pattern":"THX-******","validFor":"7d","tiers":[{"name":"all","percentOff":10}]}
        """;

    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task SaveCampaign_Invalid_400WithEveryProblemAndNothingStored()
    {
        var response = await PostAsync("/api/coupons/campaigns", """
            {"id":"broken","name":"Broken","codes":"pattern","pattern":"SAVE-###","validFor":"soon","tiers":[{"name":"all","percentOff":0}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("the campaign is not valid (3 problems)", response.Json.GetProperty("error").GetString());
        Assert.Equal(
            [
                "pattern: allows only 1000 codes; at least 1073741824 are needed so that codes stay unique and cannot be guessed (e.g. six '*')",
                "validFor: must be a positive duration such as \"14d\", \"48h\" or \"P30D\"",
                "tiers[0].percentOff: must be a number greater than zero",
            ],
            CatalogCalls.Problems(response));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/coupons/campaigns/broken")).Status);
    }

    [Fact]
    public async Task SaveCampaign_NewThenReplaced_201Then200WithTiers()
    {
        var created = await PostAsync("/api/coupons/campaigns", PatternCampaign.Replace("thanks", "thanks-new", StringComparison.Ordinal));
        var replaced = await PostAsync("/api/coupons/campaigns", PatternCampaign.Replace("thanks", "thanks-new", StringComparison.Ordinal).Replace("\"percentOff\":10", "\"percentOff\":12", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("/api/coupons/campaigns/thanks-new", created.Headers["Location"]);
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        var view = (await GetAsync("/api/coupons/campaigns/thanks-new")).Json;
        Assert.Equal(("thanks-new", "Thank you", "pattern"), (view.GetProperty("id").GetString(), view.GetProperty("name").GetString(), view.GetProperty("codes").GetString()));
        JsonAssert.Equal("""[{"name":"all","value":"12%","available":0,"issued":0,"redeemed":0,"redeemedRevenue":0}]""", view.GetProperty("tiers").GetRawText());
        Assert.Equal("THX-******", view.GetProperty("definition").GetProperty("pattern").GetString());
    }

    [Fact]
    public async Task UploadCodes_Problems_400AndNothingAdded()
    {
        await PostAsync("/api/coupons/campaigns", PoolCampaign.Replace("welcome", "welcome-bad", StringComparison.Ordinal));
        await PostAsync("/api/coupons/campaigns", PatternCampaign.Replace("thanks", "thanks-upload", StringComparison.Ordinal));

        var bad = await PostAsync("/api/coupons/campaigns/welcome-bad/codes", """{"tier":"gold","codes":["OK-1","not ok","ok-1",""]}""");
        var toPattern = await PostAsync("/api/coupons/campaigns/thanks-upload/codes", """{"tier":"all","codes":["X-1"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(
            [
                "tier: must name a tier of 'welcome-bad': vip, all",
                "codes[1]: may contain only letters, digits, '-' and '_'",
                "codes[2]: repeats codes[0] (codes are case-insensitive)",
                "codes[3]: must not be empty",
            ],
            CatalogCalls.Problems(bad));
        Assert.Equal(["codes: campaign 'thanks-upload' generates its codes from a pattern; only \"codes\": \"pool\" campaigns take uploads"], CatalogCalls.Problems(toPattern));
        Assert.Equal(0, (await GetAsync("/api/coupons/campaigns/welcome-bad")).Json.GetProperty("tiers").EnumerateArray().Sum(t => t.GetProperty("available").GetInt64()));
    }

    [Fact]
    public async Task PoolCode_IssuedLookedUpAndRedeemedByAnOrder()
    {
        await PostAsync("/api/coupons/campaigns", PoolCampaign);
        var upload = await PostAsync("/api/coupons/campaigns/welcome/codes", """{"tier":"all","codes":["eur5-b","EUR5-A"]}""");
        var again = await PostAsync("/api/coupons/campaigns/welcome/codes", """{"tier":"all","codes":["EUR5-A","EUR5-C"]}""");
        var contactId = await IdentifyAsync("pool-user", "pool@example.com");

        var issued = await PostAsync($"/api/contacts/{contactId}/coupons", """{"campaign":"welcome","key":"ticket-7"}""");
        var sameKey = await PostAsync($"/api/contacts/{contactId}/coupons", """{"campaign":"welcome","key":"ticket-7"}""");

        upload.AssertJson(HttpStatusCode.OK, """{"added":2,"alreadyPresent":0}""");
        again.AssertJson(HttpStatusCode.OK, """{"added":1,"alreadyPresent":1}""");
        Assert.Equal(HttpStatusCode.Created, issued.Status);
        // No scores yet, so not a Champion: the "all" tier, whose pool hands out codes in code order.
        Assert.Equal("EUR5-A", issued.Json.GetProperty("code").GetString());
        Assert.Equal("EUR5-A", sameKey.Json.GetProperty("code").GetString());
        var issuedAt = issued.Json.GetProperty("issuedAt").GetDateTimeOffset();
        var lookup = await GetAsync("/api/coupons/eur5-a");
        lookup.AssertJson(HttpStatusCode.OK, $$"""
            {"code":"EUR5-A","campaign":"welcome","tier":"all","status":"issued","value":"5.00 EUR","percentOff":null,"amountOff":5,
             "currency":"EUR","contactId":"{{contactId}}","issuedAt":{{JsonSerializer.Serialize(issuedAt)}},
             "expiresAt":{{JsonSerializer.Serialize(issuedAt.AddDays(30))}},"redeemedAt":null,"orderId":null}
            """);

        var order = await SegmentCalls.PostAsync(Server, "/v1/track", """
            {"userId":"pool-user","event":"Order Completed","messageId":"pool-order-1","timestamp":"2026-11-23T10:00:00Z",
             "properties":{"order_id":"po-1","revenue":61.5,"currency":"EUR","coupon":"eur5-a"}}
            """);
        Assert.Equal(HttpStatusCode.OK, order.Status);
        await Server.WaitUntilAppliedAsync();

        var redeemed = (await GetAsync("/api/coupons/EUR5-A")).Json;
        Assert.Equal(("redeemed", "po-1", "2026-11-23T10:00:00+00:00"),
            (redeemed.GetProperty("status").GetString(), redeemed.GetProperty("orderId").GetString(), redeemed.GetProperty("redeemedAt").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));
        var tiers = (await GetAsync("/api/coupons/campaigns/welcome")).Json.GetProperty("tiers");
        JsonAssert.Equal("""
            [{"name":"vip","value":"15%","available":0,"issued":0,"redeemed":0,"redeemedRevenue":0},
             {"name":"all","value":"5.00 EUR","available":2,"issued":1,"redeemed":1,"redeemedRevenue":61.5}]
            """, tiers.GetRawText());
        var mine = (await GetAsync($"/api/contacts/{contactId}/coupons")).Json;
        Assert.Equal(["EUR5-A"], mine.EnumerateArray().Select(c => c.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Issue_UnknownCampaignContactOrMissingField_SaysWhich()
    {
        await PostAsync("/api/coupons/campaigns", PatternCampaign);
        var contactId = await IdentifyAsync("issue-user", "issue@example.com");

        (await PostAsync($"/api/contacts/{contactId}/coupons", """{"campaign":"nope"}""")).AssertJson(
            HttpStatusCode.NotFound, """{"error":"no coupon campaign 'nope'","problems":null}""");
        (await PostAsync("/api/contacts/c-none/coupons", """{"campaign":"thanks"}""")).AssertJson(
            HttpStatusCode.NotFound, """{"error":"no contact 'c-none'","problems":null}""");
        (await PostAsync($"/api/contacts/{contactId}/coupons", "{}")).AssertJson(
            HttpStatusCode.BadRequest, """{"error":"campaign is required","problems":[{"field":"campaign","problem":"is required: the id of a coupon campaign"}]}""");
        (await GetAsync("/api/coupons/NO-SUCH")).AssertJson(HttpStatusCode.NotFound, """{"error":"no coupon 'NO-SUCH'","problems":null}""");

        var generated = await PostAsync($"/api/contacts/{contactId}/coupons", """{"campaign":"thanks"}""");
        var another = await PostAsync($"/api/contacts/{contactId}/coupons", """{"campaign":"thanks"}""");
        Assert.Matches("^THX-[A-HJ-NP-Z2-9]{6}$", generated.Json.GetProperty("code").GetString());
        Assert.NotEqual(generated.Json.GetProperty("code").GetString(), another.Json.GetProperty("code").GetString());
        Assert.Equal("10%", generated.Json.GetProperty("value").GetString());
    }

    [Fact]
    public async Task SaveFlow_CouponCampaignMissing_400AtTheStep()
    {
        var response = await PostAsync("/api/flows", """
            {"id":"needs-coupon","name":"Needs a coupon","trigger":{"events":["Signed Up"]},
             "steps":[{"id":"mail","type":"sendEmail","subject":"Hi","html":"{{ coupon.code }}","coupon":"missing-campaign"}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["steps[0].coupon: no coupon campaign 'missing-campaign'; create it first (POST /api/coupons/campaigns)"], CatalogCalls.Problems(response));
    }

    [Fact]
    public async Task Campaigns_WithoutAdminKey_401()
    {
        var response = await Server.Http.GetAsync("/api/coupons/campaigns");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<string> IdentifyAsync(string userId, string email)
    {
        var body = JsonSerializer.Serialize(new { userId, traits = new { email } });
        var response = await SegmentCalls.PostAsync(Server, "/v1/identify", body);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return await ContactQueries.WaitForContactAsync(Server, "userId", userId);
    }

    private Task<ApiResponse> PostAsync(string path, string json) => ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Post, path, json));

    private Task<ApiResponse> GetAsync(string path) => ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Get, path));
}
