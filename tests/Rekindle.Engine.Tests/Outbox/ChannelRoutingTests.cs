using Rekindle.Core.Contacts;
using Rekindle.Core.Consent;
using Rekindle.Core.Flows;
using Rekindle.Core.Messaging;
using Rekindle.Engine.Outbox;
using Rekindle.Engine.Tests.Infrastructure;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Messages;
using Rekindle.Testing.Webhooks;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Outbox;

/// <summary>
/// One contact who unsubscribed from email, three messages from the same flow: each goes to its channel's composer and
/// transport, and consent binds only what goes to the contact. The marketing email is skipped; the note to the team
/// (a notify step) and the webhook (a system's channel) are delivered; the team's email is not tracked.
/// </summary>
public sealed class ChannelRoutingTests()
    : EngineTest(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero), [], new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Tracking:BaseUrl"] = "https://t.shop.example",
    })
{
    [Fact]
    public async Task Compose_UnsubscribedContact_EmailSkippedNotifyAndWebhookDelivered()
    {
        await using var receiver = WebhookReceiver.Start(200);
        await Engine.ApplyAsync(Identify(null, "u-uma", Clock.GetUtcNow(), new { email = "uma@example.com", first_name = "Uma", email_consent = "unsubscribed" }));
        var id = (await Engine.Contacts.LookupAsync("email", "uma@example.com", CancellationToken.None))!;
        var profile = (await Engine.Contacts.FindLiveAsync(id, CancellationToken.None))!;
        const string Html = """<p>{{ contact.first_name }} left <a href="https://shop.example/cart">a cart</a></p>""";

        var rows = await Engine.Get<FlowMessages>().ComposeAsync(id,
        [
            Pending(profile, "mail", new EmailContent("Your cart", Html, null)),
            Pending(profile, "tell-team", new EmailContent("{{ contact.first_name }} left a cart", Html, null, To: "Sales <sales@shop.example>")),
            Pending(profile, "hook", new WebhookContent(receiver.Url, """{"email": "{{ contact.email }}"}""")),
        ], Clock.GetUtcNow());

        Assert.Equal(
            [("mail", "email", MessageStatus.Skipped, "uma@example.com", MessageKind.Marketing),
             ("tell-team", "email", MessageStatus.Pending, "Sales <sales@shop.example>", MessageKind.Transactional),
             ("hook", "webhook", MessageStatus.Pending, receiver.Url, MessageKind.Marketing)],
            rows.Select(r => (r.StepId, r.Channel, r.Status, r.Recipient, r.Kind)));
        var team = rows[1];
        Assert.Equal(("Uma left a cart", """<p>Uma left <a href="https://shop.example/cart">a cart</a></p>""", 0),
            (team.Subject, team.Html, team.Links.Count));

        await Engine.Get<GroupCommitWriter>().WriteAsync([.. rows.Select(MessageStore.Insert)]);
        Engine.Signals.MessagesQueued.Set();
        await Engine.WaitUntilAsync(async () => (await Engine.Messages.ForContactAsync(id, CancellationToken.None)).All(m => m.Status != MessageStatus.Pending),
            "the email and the webhook to be delivered");

        var stored = (await Engine.Messages.ForContactAsync(id, CancellationToken.None)).ToDictionary(m => m.StepId!);
        Assert.Equal((MessageStatus.Sent, "devmailbox"), (stored["tell-team"].Status, stored["tell-team"].Transport));
        Assert.Equal((MessageStatus.Sent, "webhook"), (stored["hook"].Status, stored["hook"].Transport));
        Assert.Equal("""{"email": "uma@example.com"}""", Assert.Single(receiver.Received).Body);
    }

    [Fact]
    public async Task Compose_NotifyAddressNotAnEmail_FailedRowNamingIt()
    {
        var profile = new ContactProfile { Id = "c-1", CreatedAt = Clock.GetUtcNow() };

        var row = Assert.Single(await Engine.Get<FlowMessages>().ComposeAsync("c-1",
            [Pending(profile, "tell-team", new EmailContent("New lead", "<p>hi</p>", null, To: "sales at shop"))], Clock.GetUtcNow()));

        Assert.Equal((MessageStatus.Failed, "notify address 'sales at shop' is not a valid email address", "sales at shop", MessageKind.Transactional),
            (row.Status, row.LastError, row.Recipient, row.Kind));
    }

    private static PendingMessage Pending(ContactProfile profile, string stepId, MessageContent content) =>
        new(profile, "cart-team", "i-1", "cart-team:m-1", new SendMessage(stepId, content));
}
