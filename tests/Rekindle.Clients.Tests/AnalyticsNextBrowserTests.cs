using System.Text.Json;
using Microsoft.Playwright;
using Rekindle.Clients.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Clients.Tests;

/// <summary>
/// Segment's browser library (@segment/analytics-next) in Debian's headless Chromium, on a shop page of
/// another origin: CORS preflights, text/plain bodies, the short paths and the settings document, for real.
/// </summary>
[Collection(ClientsCollection.Name)]
public sealed class AnalyticsNextBrowserTests(ClientsFixture fixture)
{
    // What the page does: load the library with its cdnURL pointed at Rekindle (which serves the settings
    // document), browse anonymously, then identify; each call resolves once the library has sent it.
    private const string ShopperScript = """
        async ({ writeKey, cdnURL, userId }) => {
          const { AnalyticsBrowser } = window.AnalyticsNext;
          const [analytics] = await AnalyticsBrowser.load({ writeKey, cdnURL });
          const sent = [
            await analytics.page('Shop', 'Cart', { path: '/cart' }),
            await analytics.track('Product Added', { product_id: 'sku-9', price: 12.5, quantity: 1, currency: 'EUR' }),
            await analytics.identify(userId, { email: userId + '@shop.example' }),
            await analytics.track('Checkout Started', { revenue: 12.5, currency: 'EUR' }),
          ];
          return sent.map(ctx => ctx.failedDelivery()?.reason?.message ?? 'sent');
        }
        """;

    [Fact]
    public async Task PageTrackIdentify_FromAnotherOrigin_StoredOnTheIdentifiedContact()
    {
        var userId = "browser-" + Guid.NewGuid().ToString("N");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var log = new List<string>();
        var requested = new List<string>();
        page.Console += (_, m) => log.Add($"console {m.Type}: {m.Text}");
        page.RequestFailed += (_, r) => log.Add($"failed {r.Method} {r.Url}: {r.Failure}");
        page.Request += (_, r) => requested.Add($"{r.Method} {r.Url}");

        await page.GotoAsync(fixture.Page.Origin + "/");
        var results = await page.EvaluateAsync<string[]>(ShopperScript,
            new { writeKey = RekindleServerProcess.WriteKey, cdnURL = fixture.ServerUrl, userId });

        var diagnostics = $"\npage: {string.Join('\n', log)}\nrequests: {string.Join('\n', requested)}";
        Assert.True(results.All(r => r == "sent"), string.Join(", ", results) + diagnostics);
        var stored = await fixture.StoredEventsAsync(userId);
        // The anonymous page view and cart event joined the contact when identify named it.
        Assert.Equal(["page Cart", "track Product Added", "identify", "track Checkout Started"],
            stored.Select(e => string.Join(' ', new[] { e.GetProperty("type").GetString(), e.GetProperty("event").GetString() ?? e.GetProperty("name").GetString() }
                .Where(p => p is not null))));
        Assert.Equal(12.5m, stored[1].GetProperty("properties").GetProperty("price").GetDecimal());
        Assert.Equal($"{userId}@shop.example", stored[2].GetProperty("traits").GetProperty("email").GetString());
        Assert.Single(stored.Select(e => e.GetProperty("anonymousId").GetString()).Distinct());
        // Nothing left the machine: the page, the library, the settings and the events, from the two origins only.
        var api = fixture.ServerUrl + "/v1/";
        Assert.Equal(
            [
                $"GET {fixture.Page.Origin}/",
                $"GET {fixture.Page.Origin}/analytics-next.js",
                $"GET {api}projects/{RekindleServerProcess.WriteKey}/settings",
                $"POST {api}p",
                $"POST {api}t",
                $"POST {api}i",
                $"POST {api}t",
            ],
            requested);
    }
}
