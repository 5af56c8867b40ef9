using System.Text.RegularExpressions;
using Rekindle.Core.Coupons;
using Rekindle.Core.Flows;
using Rekindle.Core.Intelligence.Rfm;
using Rekindle.Engine.Flows;
using Rekindle.Engine.Outbox;
using Rekindle.Engine.Tests.Infrastructure;
using Rekindle.Storage.Coupons;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Scores;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Coupons;

/// <summary>Coupons through the real engine: issued by a flow's email, valued by the contact's segment, redeemed by an order.</summary>
public sealed partial class CouponFlowTests() : EngineTest(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), [FlowJson, PoolFlowJson], new Dictionary<string, string?> { ["Intelligence:ScoringInterval"] = "365.00:00:00" })
{
    private const string FlowJson = """
        {
          "id": "cart-coupon", "name": "Cart with a coupon", "trigger": { "events": ["Product Added"] },
          "steps": [
            { "id": "wait", "type": "wait", "duration": "1d", "next": "offer" },
            { "id": "offer", "type": "sendEmail", "coupon": "cart-save", "next": "later",
              "subject": "{{ coupon.value }} off for you", "html": "<p>Use {{ coupon.code }} by {{ coupon.expires_at | date: '%Y-%m-%d' }}</p>" },
            { "id": "later", "type": "wait", "duration": "2d", "next": "reminder" },
            { "id": "reminder", "type": "sendEmail", "coupon": "cart-save",
              "subject": "Reminder", "html": "<p>{{ coupon.code }} ({{ coupon.tier }})</p>" }
          ]
        }
        """;

    private const string PoolFlowJson = """
        {
          "id": "welcome", "name": "Welcome", "trigger": { "events": ["Signed Up"] },
          "steps": [ { "id": "hello", "type": "sendEmail", "coupon": "welcome-pool", "subject": "Welcome", "html": "<p>{{ coupon.code }}</p>" } ]
        }
        """;

    private const string CampaignJson = """
        {"id":"cart-save","name":"Cart save","codes":"pattern","pattern":"CART-****-****","validFor":"7d",
         "tiers":[{"name":"vip","when":{"rfmSegments":["Champions","Loyal"]},"percentOff":20},{"name":"standard","percentOff":10}]}
        """;

    private const string PoolCampaignJson = """
        {"id":"welcome-pool","name":"Welcome","codes":"pool","validFor":"30d","tiers":[{"name":"all","amountOff":5,"currency":"EUR"}]}
        """;

    // The scores are written by the tests; the scheduled scoring (which would clear them: no orders) stays out.
    protected override async Task OnStartedAsync()
    {
        var coupons = Engine.Get<CouponStore>();
        await coupons.SaveCampaignAsync("cart-save", CampaignJson, Clock.GetUtcNow(), CancellationToken.None);
        await coupons.SaveCampaignAsync("welcome-pool", PoolCampaignJson, Clock.GetUtcNow(), CancellationToken.None);
    }

    [Fact]
    public async Task CartFlow_ChampionAndNewcomer_EachGetOneCodeWorthTheirTierAndTheReminderRepeatsIt()
    {
        var ada = await StartCartAsync("anon-ada", "ada@example.com");
        var bob = await StartCartAsync("anon-bob", "bob@example.com");
        await Engine.Get<GroupCommitWriter>().WriteAsync(ScoreStore.UpsertRfm(
            [new RfmScore(ada, 3, 9, 900m, 5, 5, 5, "Champions")], Clock.GetUtcNow()).ToList());
        var offerAt = Clock.GetUtcNow().AddDays(1);

        Engine.Advance(TimeSpan.FromDays(1));
        await WaitForMessagesAsync(ada, 1);
        await WaitForMessagesAsync(bob, 1);
        Engine.Advance(TimeSpan.FromDays(2));
        var adaMails = await WaitForMessagesAsync(ada, 2);
        var bobMails = await WaitForMessagesAsync(bob, 2);

        var adaCode = CodeIn(adaMails.Single(m => m.StepId == "offer").Html);
        var bobCode = CodeIn(bobMails.Single(m => m.StepId == "offer").Html);
        Assert.NotEqual(adaCode, bobCode);
        Assert.Equal("20% off for you", adaMails.Single(m => m.StepId == "offer").Subject);
        Assert.Equal("10% off for you", bobMails.Single(m => m.StepId == "offer").Subject);
        Assert.Equal($"<p>Use {adaCode} by 2026-03-10</p>", adaMails.Single(m => m.StepId == "offer").Html);
        Assert.Equal($"<p>{adaCode} (vip)</p>", adaMails.Single(m => m.StepId == "reminder").Html);
        Assert.Equal($"<p>{bobCode} (standard)</p>", bobMails.Single(m => m.StepId == "reminder").Html);
        var stored = await Engine.Get<CouponStore>().FindAsync(adaCode, CancellationToken.None);
        Assert.Equal(
            new StoredCoupon(adaCode, "cart-save", "vip", CouponValue.PercentOff(20m), ada, offerAt, offerAt.AddDays(7), null, null),
            stored);
        Assert.Equal(2, (await Engine.Get<CouponStore>().StatsAsync("cart-save", CancellationToken.None)).Sum(s => s.Issued));
        Assert.Empty(Engine.Problems);
    }

    [Fact]
    public async Task OrderCompletedWithTheCode_AnyCase_RecordsTheRedemptionOnce()
    {
        var ada = await StartCartAsync("anon-ada", "ada@example.com");
        Engine.Advance(TimeSpan.FromDays(1));
        var code = CodeIn((await WaitForMessagesAsync(ada, 1))[0].Html);
        var paidAt = Clock.GetUtcNow().AddHours(2);

        await Engine.ApplyAsync(
            Track("anon-ada", "Order Completed", paidAt, new { order_id = "o-77", revenue = 80m, currency = "EUR", coupon = " " + code.ToLowerInvariant() }),
            Track("anon-ada", "Order Completed", paidAt.AddDays(1), new { order_id = "o-78", revenue = 50m, currency = "EUR", coupon = code }));

        var stored = await Engine.Get<CouponStore>().FindAsync(code, CancellationToken.None);
        Assert.Equal((paidAt, "o-77"), (stored!.RedeemedAt, stored.OrderId));
        Assert.Equal(new CouponTierStats("standard", 0, 1, 1, 80m), Assert.Single(await Engine.Get<CouponStore>().StatsAsync("cart-save", CancellationToken.None)));
    }

    [Fact]
    public async Task PoolCampaign_CodesRunOut_LaterContactsGetNoEmailAndTheReasonIsLogged()
    {
        await Engine.Get<CouponStore>().AddPoolCodesAsync("welcome-pool", "all", ["WELCOME-1"], Clock.GetUtcNow(), CancellationToken.None);

        var first = await SignUpAsync("anon-1", "first@example.com");
        var second = await SignUpAsync("anon-2", "second@example.com");

        var mail = Assert.Single(await Engine.Messages.ForContactAsync(first, CancellationToken.None));
        Assert.Equal("<p>WELCOME-1</p>", mail.Html);
        Assert.Empty(await Engine.Messages.ForContactAsync(second, CancellationToken.None));
        Assert.Equal(FlowInstanceStatus.Completed, Assert.Single(await Engine.Flows.InstancesAsync("welcome", second, 10, CancellationToken.None)).Status);
        var problem = Assert.Single(Engine.Problems);
        Assert.Contains($"Coupon campaign welcome-pool: the pool of tier all is empty; no code for contact {second}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameJourneyRenderedAgain_AsAfterAFailedCommit_ShowsTheSameCode()
    {
        var ada = await StartCartAsync("anon-ada", "ada@example.com");
        var profile = (await Engine.Contacts.FindAsync(ada, CancellationToken.None))!.Profile;
        var step = (SendEmailStep)Engine.Get<FlowCatalog>().Find("cart-coupon")!.Definition.Steps.Single(s => s.Id == "offer");
        var emails = Engine.Get<FlowMessages>();

        // A retried start draws a new instance id; the journey (flow and trigger event) stays the same.
        var first = await emails.ComposeAsync(ada, [new PendingMessage(profile, "cart-coupon", "instance-1", "cart-coupon:m-1", new SendMessage("offer", step.Content))], Clock.GetUtcNow());
        var retry = await emails.ComposeAsync(ada, [new PendingMessage(profile, "cart-coupon", "instance-2", "cart-coupon:m-1", new SendMessage("offer", step.Content))], Clock.GetUtcNow());
        var other = await emails.ComposeAsync(ada, [new PendingMessage(profile, "cart-coupon", "instance-3", "cart-coupon:m-2", new SendMessage("offer", step.Content))], Clock.GetUtcNow());

        Assert.Equal(CodeIn(first[0].Html), CodeIn(retry[0].Html));
        Assert.NotEqual(CodeIn(first[0].Html), CodeIn(other[0].Html));
    }

    private async Task<string> StartCartAsync(string anonymousId, string email)
    {
        var now = Clock.GetUtcNow();
        await Engine.ApplyAsync(ProductAdded(anonymousId, now), Identify(anonymousId, null, now, new { email }));
        return await Engine.Contacts.LookupAsync("email", email, CancellationToken.None) ?? throw new InvalidOperationException(email);
    }

    private async Task<string> SignUpAsync(string anonymousId, string email)
    {
        var now = Clock.GetUtcNow();
        await Engine.ApplyAsync(Identify(anonymousId, null, now, new { email }), Track(anonymousId, "Signed Up", now));
        return await Engine.Contacts.LookupAsync("email", email, CancellationToken.None) ?? throw new InvalidOperationException(email);
    }

    private async Task<IReadOnlyList<Storage.Messages.OutboxMessage>> WaitForMessagesAsync(string contactId, int count)
    {
        IReadOnlyList<Storage.Messages.OutboxMessage> messages = [];
        await Engine.WaitUntilAsync(async () => (messages = await Engine.Messages.ForContactAsync(contactId, CancellationToken.None)).Count >= count,
            $"{count} message(s) for {contactId}");
        return messages;
    }

    private static string CodeIn(string html) => CodePattern().Match(html) is { Success: true } m ? m.Value : throw new InvalidOperationException($"no code in {html}");

    [GeneratedRegex("CART-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}")]
    private static partial Regex CodePattern();
}
