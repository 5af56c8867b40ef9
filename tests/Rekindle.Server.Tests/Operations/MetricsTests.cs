using System.Net;
using System.Net.Http.Headers;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using static Rekindle.Server.Tests.Infrastructure.SegmentCalls;

namespace Rekindle.Server.Tests.Operations;

/// <summary>The "Rekindle" meter as Prometheus scrapes it from /metrics.</summary>
public sealed class MetricsTests(OperatorServerFixture fixture) : IClassFixture<OperatorServerFixture>
{
    private const string WelcomeFlow = """
        {"id": "welcome", "name": "Welcome", "trigger": {"events": ["Signed Up"]},
         "steps": [{"id": "email", "type": "sendEmail", "subject": "Welcome", "html": "<p>Hello</p>", "next": null}]}
        """;

    [Fact]
    public async Task Metrics_FiveEventsOneFlowOneEmail_ExactCountersAndEmptyGauges()
    {
        var own = await OwnServer.StartAsync(new Dictionary<string, string> { ["Metrics__RequireAdminKey"] = "false" });
        try
        {
            var server = own.Server;
            using (var saved = await server.AdminAsync(HttpMethod.Post, "/api/flows", WelcomeFlow))
            {
                Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            }

            var user = NewId("u");
            var batch = $$"""
                {"batch": [
                {"type": "identify", "userId": "{{user}}", "traits": {"email": "metrics@example.com" } },
                {"type": "track", "userId": "{{user}}", "event": "Signed Up"},
                {"type": "page", "userId": "{{user}}", "name": "Home"},
                {"type": "page", "anonymousId": "{{NewId("a")}}", "name": "Home"},
                {"type": "track", "anonymousId": "{{NewId("a")}}", "event": "Product Viewed"}]}
                """;
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, "/v1/batch", batch)).Status);
            await server.WaitUntilAppliedAsync();
            // The barrier is the sent series itself: the counter moves just after the row is marked sent, so waiting
            // for the mailbox would race it. Its value must then be exactly 1.
            await server.WaitUntilAsync(async () => (await ScrapeAsync(server)).Any(s => s.Name == "rekindle_messages_total"
                    && s.Labels.TryGetValue("result", out var result) && result == "sent"),
                "the welcome email to be delivered");

            var metrics = await ScrapeAsync(server);
            Assert.Equal(5, metrics.Single("rekindle_events_accepted_total"));
            Assert.Equal(5, metrics.Single("rekindle_events_applied_total"));
            Assert.Equal(1, metrics.Single("rekindle_flows_started_total"));
            Assert.Equal(1, metrics.Single("rekindle_messages_total", "channel=email", "result=sent"));
            Assert.Equal(0, metrics.Single("rekindle_ingestion_backlog"));
            Assert.Equal(0, metrics.Single("rekindle_outbox_depth"));
            Assert.Equal(5, metrics.Single("rekindle_reaction_latency_seconds_count"));
            Assert.Equal(5, metrics.Single("rekindle_reaction_latency_seconds_bucket", "le=+Inf"));
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task Metrics_NoKeyByDefault_401()
    {
        var response = await ApiResponse.ReadAsync(fixture.Server.Http.GetAsync("/metrics"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Bearer", response.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public async Task Metrics_AdminKey_PrometheusTextWithTheRekindleMeter()
    {
        using var response = await fixture.Server.AdminAsync(HttpMethod.Get, "/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, PrometheusSample.Parse(text).Single("rekindle_ingestion_backlog"));
        Assert.Contains("# TYPE rekindle_outbox_depth gauge", text, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(RekindleServerProcess server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var response = await server.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return PrometheusSample.Parse(await response.Content.ReadAsStringAsync());
    }
}
