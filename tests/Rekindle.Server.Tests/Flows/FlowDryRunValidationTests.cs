using System.Net;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Flows;

/// <summary>Dry runs of unsaved flows, and what a dry run refuses: an invalid flow or body (every problem with its path), an unknown contact or flow.</summary>
public sealed class FlowDryRunValidationTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    private Task<ApiResponse> PostAsync(string path, string body) => ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Post, path, body));

    [Fact]
    public async Task DryRunUnsaved_ValidFlowAndDescribedContact_RendersWithTheFirstNameAndSavesNothing()
    {
        var run = await FlowDryRunTests.DryRunAsync(Server, "/api/flows/dry-run", """
            {"flow": {"id": "draft", "name": "Draft", "trigger": {"events": ["Product Added"]},
                      "steps": [{"id": "mail", "type": "sendEmail", "subject": "{{ contact.first_name }}, your cart", "html": "<p>{{ cart.items.size }} item</p>"}]},
             "trigger": {"event": "Product Added", "properties": {"product_id": "lamp-1", "name": "Lamp", "price": 12.5, "quantity": 1}},
             "contact": {"traits": {"first_name": "Cy"}, "email": "cy@example.com"}, "start": "2025-03-14T09:30:00"}
            """);

        var mail = Assert.Single(run.GetProperty("messages").EnumerateArray());
        Assert.Equal("Cy, your cart", mail.GetProperty("email").GetProperty("subject").GetString());
        Assert.Equal("<p>1 item</p>", mail.GetProperty("email").GetProperty("html").GetString());
        Assert.Equal(("Product Added", false), (run.GetProperty("trigger").GetProperty("event").GetString(), run.GetProperty("trigger").GetProperty("synthetic").GetBoolean()));
        Assert.Equal("completed", run.GetProperty("end").GetProperty("status").GetString());
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero), run.GetProperty("start").GetDateTimeOffset());   // no offset: UTC
        Assert.Equal(HttpStatusCode.NotFound, (await ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Get, "/api/flows/draft"))).Status);
    }

    [Fact]
    public async Task DryRunUnsaved_CouponEmailToAnUnsubscribedContact_PlaceholderCodeAndWouldSkipForConsent()
    {
        var campaign = await PostAsync("/api/coupons/campaigns",
            """{"id":"dry-thanks","name":"Thank you","codes":"pattern","pattern":"THX-******","validFor":"7d","tiers":[{"name":"all","percentOff":10}]}""");
        Assert.True(campaign.Status is HttpStatusCode.OK or HttpStatusCode.Created, campaign.Body);

        var run = await FlowDryRunTests.DryRunAsync(Server, "/api/flows/dry-run", """
            {"flow": {"id": "draft-coupon", "name": "Draft", "trigger": {"events": ["Signed Up"]},
                      "steps": [{"id": "gift", "type": "issueCoupon", "campaign": "dry-thanks", "next": "mail"},
                                {"id": "mail", "type": "sendEmail", "coupon": "dry-thanks", "subject": "S", "html": "<p>{{ coupon.code }} for {{ coupon.value }}</p>"}]},
             "contact": {"email": "dee@example.com", "consent": {"email": "unsubscribed"}}, "start": "2025-03-14T09:30:00Z"}
            """);

        var mail = Assert.Single(run.GetProperty("messages").EnumerateArray());
        Assert.Equal("<p>DRYRUN-CODE for 10%</p>", mail.GetProperty("email").GetProperty("html").GetString());
        Assert.Equal("DRYRUN-CODE", mail.GetProperty("email").GetProperty("coupon").GetString());
        Assert.Equal("consent: email unsubscribed", mail.GetProperty("wouldSkip").GetString());
        Assert.Equal("""[{"stepId":"gift","campaign":"dry-thanks","at":"2025-03-14T09:30:00+00:00","code":"DRYRUN-CODE"}]""", run.GetProperty("coupons").GetRawText());
        Assert.Equal(0, (await Server.AdminJsonAsync("/api/coupons/campaigns/dry-thanks")).GetProperty("tiers").EnumerateArray().Sum(t => t.GetProperty("issued").GetInt64()));
    }

    [Fact]
    public async Task DryRunUnsaved_InvalidFlow_400WithEveryProblemAtItsPathInTheBody()
    {
        var response = await PostAsync("/api/flows/dry-run", """
            {"flow": {"id": "draft", "name": "Draft", "trigger": {"events": ["Signed Up"]},
                      "steps": [{"id": "w", "type": "wait", "duration": "soon", "next": "nowhere"}]},
             "contact": {"email": "cy@example.com"}}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("the flow is not valid (2 problems)", response.Json.GetProperty("error").GetString());
        Assert.Equal(["flow.steps[0].duration", "flow.steps[0].next"],
            response.Json.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task DryRun_BadContactAndEvents_400NamingEachField()
    {
        var response = await PostAsync("/api/flows/dry-run", """
            {"flow": {"id": "draft", "name": "Draft", "trigger": {"events": ["Signed Up"]}, "steps": [{"id": "x", "type": "exit"}]},
             "contact": {"consent": {"email": "maybe"}, "tags": "vip"}, "horizon": "10y",
             "events": [{"event": "Email Opened", "at": "tomorrow"}, {"at": "+1h"}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(["horizon", "contact.consent.email", "contact.tags", "events[0].at", "events[1].event"],
            response.Json.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task DryRun_UnknownContactOrFlow_404()
    {
        var flow = """{"id": "draft", "name": "Draft", "trigger": {"events": ["Signed Up"]}, "steps": [{"id": "x", "type": "exit"}]}""";

        var noContact = await PostAsync("/api/flows/dry-run", $$"""{"flow": {{flow}}, "contactId": "nobody"}""");
        var noFlow = await PostAsync("/api/flows/no-such-flow/dry-run", """{"contactId": "nobody"}""");

        noContact.AssertJson(HttpStatusCode.NotFound, """{"error": "no contact 'nobody'", "problems": null}""");
        noFlow.AssertJson(HttpStatusCode.NotFound, """{"error": "no flow 'no-such-flow'", "problems": null}""");
    }
}
