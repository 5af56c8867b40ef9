using System.Net;
using System.Text.Json;
using Rekindle.Server.Tests.AbandonedCart;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using static Rekindle.Server.Tests.Infrastructure.SegmentCalls;

namespace Rekindle.Server.Tests.DevMailbox;

/// <summary>
/// A server without SMTP configured (no Smtp__* settings at all): the abandoned-cart email is "delivered"
/// to the dev mailbox, where the API and the HTML pages show it.
/// </summary>
public sealed class DevMailboxTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private static readonly string Key = Uri.EscapeDataString(RekindleServerProcess.AdminKey);

    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task AbandonedCart_WithoutSmtp_EmailSentToTheDevMailbox()
    {
        var anonymousId = NewId("mailbox");
        var email = anonymousId + "@example.com";
        var now = DateTimeOffset.UtcNow.AddMinutes(-30);
        Assert.Equal(HttpStatusCode.OK, (await ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Post, "/api/flows", ShopperScript.FlowJson))).Status);
        (await PostAsync(Server, "/v1/batch", ShopperScript.BrowseAndAdd(anonymousId, now))).AssertJson(HttpStatusCode.OK,
            """{"success":true,"accepted":4,"rejected":[],"error":null}""");
        (await PostAsync(Server, "/v1/identify", ShopperScript.Identify(anonymousId, email, "Ada", now.AddMinutes(1)))).AssertJson(HttpStatusCode.OK, Accepted1);
        var contactId = await ContactQueries.WaitForContactAsync(Server, "email", email);
        await Server.WaitUntilAsync(async () => await InstanceStatusAsync(contactId) == "active", "the flow to wait");

        await Server.AdvanceClockAsync(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        JsonElement mailbox = default;
        await Server.WaitUntilAsync(async () =>
        {
            mailbox = await Server.AdminJsonAsync("/api/dev/mailbox");
            return mailbox.GetArrayLength() == 1 && mailbox[0].GetProperty("status").GetString() == "sent";
        }, "the email to be sent to the dev mailbox");

        var item = mailbox[0];
        var id = item.GetProperty("id").GetString()!;
        Assert.Equal(contactId, item.GetProperty("contactId").GetString());
        Assert.Equal("abandoned-cart", item.GetProperty("flowId").GetString());
        Assert.Equal("email", item.GetProperty("channel").GetString());
        Assert.Equal(email, item.GetProperty("to").GetString());
        Assert.Equal("Ada, your cart is waiting", item.GetProperty("subject").GetString());
        Assert.Equal("devmailbox", item.GetProperty("transport").GetString());
        Assert.Equal(1, item.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("lastError").ValueKind);
        var html = item.GetProperty("html").GetString()!;
        Assert.Contains("<p>Hi Ada,</p>", html, StringComparison.Ordinal);
        Assert.Contains("Trail Running Shoe</a> × 1: €89.95", html, StringComparison.Ordinal);
        Assert.Equal("Hi Ada,\n- Trail Running Shoe x 1: 89.95\n", item.GetProperty("text").GetString());
        Assert.Equal("completed", await InstanceStatusAsync(contactId));

        // The same message through the single-message API, the HTML list and its own page.
        JsonAssert.Equal(item.GetRawText(), (await Server.AdminJsonAsync($"/api/dev/mailbox/{id}")).GetRawText());
        var list = await ApiResponse.ReadAsync(Server.Http.GetAsync($"/dev/mailbox?key={Key}"));
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("text/html", list.ContentType);
        Assert.Contains("<p>1 most recent outgoing messages.</p>", list.Body, StringComparison.Ordinal);
        Assert.Contains($"<td>{email}</td>", list.Body, StringComparison.Ordinal);
        // Links carry the key the caller gave, so the page works in a browser that cannot send a bearer header.
        Assert.Contains($"<a href=\"/dev/mailbox/{id}?key={Key}\">Ada, your cart is waiting</a>", list.Body, StringComparison.Ordinal);
        Assert.Contains("<td class=\"sent\">sent</td>", list.Body, StringComparison.Ordinal);
        var page = await ApiResponse.ReadAsync(Server.Http.GetAsync($"/dev/mailbox/{id}?key={Key}"));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.ContentType);
        AssertMessagePage(page, item, html);
    }

    /// <summary>From, To, Subject, date, both parts (the HTML only inside a sandboxed frame) and the wire headers.</summary>
    private static void AssertMessagePage(ApiResponse page, JsonElement item, string html)
    {
        var id = item.GetProperty("id").GetString()!;
        var to = item.GetProperty("to").GetString()!;
        var sentAt = item.GetProperty("sentAt").GetDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("<dt>From</dt><dd>Rekindle dev mailbox &lt;rekindle@localhost&gt;</dd>", page.Body, StringComparison.Ordinal);
        Assert.Contains($"<dt>To</dt><dd>{to}</dd>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<dt>Subject</dt><dd>Ada, your cart is waiting</dd>", page.Body, StringComparison.Ordinal);
        Assert.Contains($"<dt>Date</dt><dd>{sentAt} UTC</dd>", page.Body, StringComparison.Ordinal);
        Assert.Contains($"<iframe sandbox title=\"HTML part\" referrerpolicy=\"no-referrer\" srcdoc=\"{WebUtility.HtmlEncode(html)}\"></iframe>",
            page.Body, StringComparison.Ordinal);
        Assert.Contains("<h2>Text</h2><pre>Hi Ada,\n- Trail Running Shoe x 1: 89.95\n</pre>", page.Body, StringComparison.Ordinal);
        Assert.Contains($"Message-Id: &lt;{id}@localhost&gt;\n", page.Body, StringComparison.Ordinal);
        Assert.Contains($"To: {to}\n", page.Body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: multipart/alternative; boundary=", page.Body, StringComparison.Ordinal);
        // The email's own markup is never part of the page: only its encoded copy in srcdoc.
        Assert.DoesNotContain("<p>Hi Ada,</p>", page.Body, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none';", page.Headers["Content-Security-Policy"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/dev/mailbox/m-unknown")]
    [InlineData("/dev/mailbox/m-unknown")]
    public async Task Get_UnknownMessage_404(string path)
    {
        var response = await ApiResponse.ReadAsync(Server.AdminAsync(HttpMethod.Get, path));

        response.AssertJson(HttpStatusCode.NotFound, """{"error":"no message 'm-unknown'","problems":null}""");
    }

    private async Task<string?> InstanceStatusAsync(string contactId)
    {
        var instances = await Server.AdminJsonAsync($"/api/flows/abandoned-cart/instances?contactId={contactId}");
        return instances.GetArrayLength() == 0 ? null : Assert.Single(instances.EnumerateArray()).GetProperty("status").GetString();
    }
}
