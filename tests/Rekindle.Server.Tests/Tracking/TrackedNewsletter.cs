using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Tracking;

/// <summary>A server with Tracking:BaseUrl set (and the dev mailbox as transport), one per test class.</summary>
public sealed class TrackingServerFixture : SqliteServerFixture
{
    public const string BaseUrl = "https://rekindle.example.com";

    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Tracking__BaseUrl"] = BaseUrl,
    };
}

/// <summary>A flow that mails a newsletter when asked, and the tracking URLs of the mail it sent.</summary>
internal static partial class TrackedNewsletter
{
    public const string FlowId = "tracked-news";

    public const string SaleUrl = "https://shop.example/sale?utm_source=email&utm_campaign=news";

    public const string FlowJson = """
        {
          "id": "tracked-news",
          "name": "Tracked newsletter",
          "trigger": { "events": ["Newsletter Requested"] },
          "steps": [
            { "id": "mail", "type": "sendEmail", "subject": "News for {{ contact.first_name }}",
              "html": "<html><body><p>Hi {{ contact.first_name }}</p><a class=\"btn\" href=\"https://shop.example/sale?utm_source=email&amp;utm_campaign=news\">Sale</a> <a title='new' href='https://shop.example/p/1'>Shoe</a> <a href=\"mailto:help@shop.example\">Help</a> <a href=\"#top\">Top</a></body></html>" }
          ]
        }
        """;

    /// <summary>The sent mail, the contact it went to, and its tracking paths (the part after the base URL).</summary>
    public sealed record SentMail(string ContactId, string UserId, JsonElement Message, string OpenPath, IReadOnlyList<string> ClickPaths)
    {
        public string MessageId => Message.GetProperty("id").GetString()!;

        public string InstanceId => Message.GetProperty("instanceId").GetString()!;
    }

    /// <summary>Saves the flow, makes a contact with an address and asks for the newsletter; waits for the mail.</summary>
    public static async Task<SentMail> SendAsync(RekindleServerProcess server, string userId)
    {
        Assert.Equal(HttpStatusCode.OK, (await ApiResponse.ReadAsync(server.AdminAsync(HttpMethod.Post, "/api/flows", FlowJson))).Status);
        var identify = JsonSerializer.Serialize(new { userId, traits = new { email = userId + "@example.com", first_name = "Ada" } });
        Assert.Equal(HttpStatusCode.OK, (await SegmentCalls.PostAsync(server, "/v1/identify", identify)).Status);
        var contactId = await ContactQueries.WaitForContactAsync(server, "userId", userId);
        var track = JsonSerializer.Serialize(new { userId, @event = "Newsletter Requested" });
        Assert.Equal(HttpStatusCode.OK, (await SegmentCalls.PostAsync(server, "/v1/track", track)).Status);

        JsonElement message = default;
        await server.WaitUntilAsync(async () =>
        {
            var mailbox = await server.AdminJsonAsync("/api/dev/mailbox?limit=100");
            message = mailbox.EnumerateArray().FirstOrDefault(m => m.GetProperty("contactId").GetString() == contactId);
            return message.ValueKind == JsonValueKind.Object;
        }, $"the newsletter of {contactId} in the dev mailbox");

        var html = message.GetProperty("html").GetString()!;
        var open = Assert.Single(OpenUrl().Matches(html)).Groups[1].Value;
        var clicks = ClickUrl().Matches(html).Select(m => m.Groups[1].Value).ToList();
        return new SentMail(contactId, userId, message, open, clicks);
    }

    /// <summary>Waits until the contact's timeline holds <paramref name="count"/> events named <paramref name="name"/>; returns them, newest first.</summary>
    public static async Task<List<JsonElement>> WaitForEventsAsync(RekindleServerProcess server, string contactId, string name, int count)
    {
        var found = new List<JsonElement>();
        await server.WaitUntilAsync(async () =>
        {
            found = Named(await ContactQueries.TimelineAsync(server, contactId), name);
            return found.Count >= count;
        }, $"{count} '{name}' event(s) of {contactId}");
        return found;
    }

    public static List<JsonElement> Named(JsonElement timeline, string name) =>
        timeline.EnumerateArray().Where(e => e.GetProperty("event").GetString() == name).ToList();

    /// <summary>A client that shows redirects instead of following them (the shop's pages are not reachable from tests).</summary>
    public static HttpClient NoRedirects(RekindleServerProcess server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Http.BaseAddress };

    [GeneratedRegex("""<img src="https://rekindle\.example\.com(/t/o/[^"]+)" width="1" height="1" """)]
    private static partial Regex OpenUrl();

    [GeneratedRegex("href=\"https://rekindle\\.example\\.com(/t/c/[^\"]+)\"")]
    private static partial Regex ClickUrl();
}
