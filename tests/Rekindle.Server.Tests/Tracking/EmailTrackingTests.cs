using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using static Rekindle.Server.Tests.Tracking.TrackedNewsletter;

namespace Rekindle.Server.Tests.Tracking;

/// <summary>
/// Open and click tracking through the real server: a flow's email goes out with its links through /t/c and an
/// open pixel /t/o; fetching them records Email Opened / Email Link Clicked on the contact, forged tokens nothing.
/// </summary>
public sealed class EmailTrackingTests(TrackingServerFixture fixture) : IClassFixture<TrackingServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task Send_TrackingBaseUrlSet_HttpLinksThroughClickUrlsAndPixelBeforeTheBodyEnds()
    {
        var mail = await SendAsync(Server, SegmentCalls.NewId("html"));

        var id = mail.MessageId;
        var html = mail.Message.GetProperty("html").GetString()!;
        // The MACs depend on the server's generated key; everything else is exact.
        var shown = Regex.Replace(html, @"\.[A-Za-z0-9_-]{22}""", ".MAC\"");
        Assert.Equal(
            $"""<html><body><p>Hi Ada</p><a class="btn" href="https://rekindle.example.com/t/c/{id}.0.MAC">Sale</a> """ +
            $"""<a title='new' href="https://rekindle.example.com/t/c/{id}.1.MAC">Shoe</a> <a href="mailto:help@shop.example">Help</a> """ +
            $"""<a href="#top">Top</a><img src="https://rekindle.example.com/t/o/{id}.MAC" width="1" height="1" alt="" """ +
            """style="display:block;width:1px;height:1px;border:0;margin:0;padding:0"></body></html>""",
            shown);
        Assert.Equal([$"/t/c/{id}.0.", $"/t/c/{id}.1."], mail.ClickPaths.Select(p => p[..^22]));
        // The plain-text part shows the real addresses.
        var text = mail.Message.GetProperty("text").GetString()!;
        Assert.Contains("https://shop.example/p/1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/t/c/", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Click_ValidToken_302ToTheOriginalAndEmailLinkClickedInTheTimeline()
    {
        var mail = await SendAsync(Server, SegmentCalls.NewId("click"));
        using var client = NoRedirects(Server);

        using var response = await client.GetAsync(mail.ClickPaths[0]);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(SaleUrl, response.Headers.Location!.OriginalString);
        var clicked = Assert.Single(await WaitForEventsAsync(Server, mail.ContactId, "Email Link Clicked", 1));
        Assert.Equal(mail.UserId, clicked.GetProperty("userId").GetString());
        JsonAssert.Equal(JsonSerializer.Serialize(new
        {
            message_id = mail.MessageId, flow_id = FlowId, step_id = "mail", instance_id = mail.InstanceId, link_index = 0, link_url = SaleUrl,
        }), clicked.GetProperty("properties").GetRawText());
        Assert.StartsWith($"email-click:{mail.MessageId}:0:", clicked.GetProperty("messageId").GetString(), StringComparison.Ordinal);

        using var second = await client.GetAsync(mail.ClickPaths[1]);
        Assert.Equal(HttpStatusCode.Found, second.StatusCode);
        Assert.Equal("https://shop.example/p/1", second.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Open_ValidToken_NoCacheGifAndEmailOpenedInTheTimeline()
    {
        var mail = await SendAsync(Server, SegmentCalls.NewId("open"));

        var response = await GetAsync(mail.OpenPath, "Mozilla/5.0 (Test Mail Client)");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        AssertPixel(response);
        var opened = Assert.Single(await WaitForEventsAsync(Server, mail.ContactId, "Email Opened", 1));
        JsonAssert.Equal(JsonSerializer.Serialize(new { message_id = mail.MessageId, flow_id = FlowId, step_id = "mail", instance_id = mail.InstanceId }),
            opened.GetProperty("properties").GetRawText());
        Assert.StartsWith($"email-open:{mail.MessageId}:", opened.GetProperty("messageId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedTokens_Click404OpenStillAGif_NoEventRecorded()
    {
        var mail = await SendAsync(Server, SegmentCalls.NewId("forged"));
        using var client = NoRedirects(Server);
        var click = mail.ClickPaths[0];
        var alteredMac = click[..^1] + (click[^1] == 'A' ? 'B' : 'A');
        var otherLink = click.Replace($"{mail.MessageId}.0.", $"{mail.MessageId}.2.", StringComparison.Ordinal);
        var openAsClick = "/t/c/" + mail.OpenPath["/t/o/".Length..];
        var clickAsOpen = "/t/o/" + click["/t/c/".Length..];

        foreach (var path in new[] { alteredMac, otherLink, openAsClick, "/t/c/nonsense", "/t/c/" + mail.MessageId + ".0" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Null(response.Headers.Location);
            Assert.Equal("This link is not valid.", await response.Content.ReadAsStringAsync());
        }

        foreach (var path in new[] { mail.OpenPath[..^1] + (mail.OpenPath[^1] == 'A' ? 'B' : 'A'), clickAsOpen, "/t/o/nonsense" })
        {
            AssertPixel(await GetAsync(path, null));
        }

        // A barrier: once this later event is applied, anything the forged calls had stored would be too.
        var barrier = JsonSerializer.Serialize(new { userId = mail.UserId, @event = "Barrier", messageId = "barrier-" + mail.UserId });
        Assert.Equal(HttpStatusCode.OK, (await SegmentCalls.PostAsync(Server, "/v1/track", barrier)).Status);
        var timeline = await ContactQueries.WaitForEventAsync(Server, mail.ContactId, "barrier-" + mail.UserId);
        Assert.Empty(Named(timeline, "Email Opened"));
        Assert.Empty(Named(timeline, "Email Link Clicked"));
    }

    [Fact]
    public async Task TrackingEndpoints_WithoutAdminKey_Public()
    {
        // Mail clients have no key: the endpoints answer without one (a 401 here would break every email).
        var response = await ApiResponse.ReadAsync(Server.Http.GetAsync("/t/o/unknown"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("image/gif", response.ContentType);
    }

    private async Task<ApiResponse> GetAsync(string path, string? userAgent)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (userAgent is not null)
        {
            request.Headers.UserAgent.ParseAdd(userAgent);
        }

        return await ApiResponse.ReadAsync(Server.Http.SendAsync(request));
    }

    private static void AssertPixel(ApiResponse response)
    {
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("image/gif", response.ContentType);
        Assert.Equal(["max-age=0", "must-revalidate", "no-cache", "no-store", "private"],
            response.Headers["Cache-Control"].Split(", ").Order(StringComparer.Ordinal));
        Assert.Equal("no-cache", response.Headers["Pragma"]);
        // ApiResponse reads bodies as text; the GIF header and the 43 bytes are what matter.
        Assert.StartsWith("GIF89a", response.Body, StringComparison.Ordinal);
        Assert.Equal("43", response.Headers["Content-Length"]);
    }
}
