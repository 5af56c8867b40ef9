using Rekindle.Engine.Tests.Infrastructure;
using static Rekindle.Engine.Tests.Flows.Triggers.TriggerFlows;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Flows.Triggers;

/// <summary>Trait and consent changes start flows; oncePer and perKey limit how often one starts.</summary>
public sealed class ChangeAndReentryTriggerTests() : EngineTest(Start, [Gold, OptedIn, Thanks, Review])
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TraitChangedFromSilverToGold_StartsOnlyOnThatChange()
    {
        await Engine.ApplyAsync(Identify("anon-g", null, Start, new { email = "gus@example.com", tier = "silver" }));
        var contact = await Engine.ContactAsync("gus@example.com");
        Assert.Empty(await Engine.MailsAsync(contact, "gold"));

        await Engine.ApplyAsync(Identify("anon-g", null, Start.AddMinutes(1), new { tier = "gold" }));
        await Engine.ApplyAsync(Identify("anon-g", null, Start.AddMinutes(2), new { tier = "gold" }));
        await Engine.ApplyAsync(Identify("anon-g", null, Start.AddMinutes(3), new { tier = "platinum" }));

        Assert.Single(await Engine.MailsAsync(contact, "gold"));
        var instance = Assert.Single(await Engine.Flows.InstancesAsync("gold", contact, 10, CancellationToken.None));
        Assert.Equal(Start.AddMinutes(1), instance.StartedAt);
    }

    [Fact]
    public async Task ConsentChangedToSubscribed_StartsOnce()
    {
        await Engine.ApplyAsync(Identify("anon-s", null, Start, new { email = "sue@example.com" }));
        var contact = await Engine.ContactAsync("sue@example.com");

        await Engine.ApplyAsync(Identify("anon-s", null, Start.AddMinutes(1), new { email_consent = "subscribed" }));
        await Engine.ApplyAsync(Identify("anon-s", null, Start.AddMinutes(2), new { email_consent = "subscribed" }));

        var mail = Assert.Single(await Engine.MailsAsync(contact, "opted-in"));
        Assert.Equal("You're in", mail.Subject);
    }

    [Fact]
    public async Task OncePer30Days_AndPerKey_LimitStarts()
    {
        await Engine.ApplyAsync(Identify("anon-k", null, Start, new { email = "kai@example.com", first_name = "Kai" }), OrderCompleted("anon-k", Start, "order-1"));
        var contact = await Engine.ContactAsync("kai@example.com");
        Engine.Advance(TriggerFlows.Day);
        await Engine.ApplyAsync(OrderCompleted("anon-k", Start + Day, "order-2"));
        await Engine.ApplyAsync(OrderCompleted("anon-k", Start + Day, "order-1"));   // the same order, sent again

        Assert.Single(await Engine.MailsAsync(contact, "thanks"));
        var review = await Engine.Flows.InstancesAsync("review", contact, 10, CancellationToken.None);
        Assert.Equal(["order-1", "order-2"], review.Select(i => i.EntryKey).Order());

        Engine.Advance(30 * Day);
        await Engine.WaitUntilAsync(async () => (await Engine.MailsAsync(contact, "review")).Count == 2, "both review mails");
        await Engine.ApplyAsync(OrderCompleted("anon-k", Start + 31 * Day, "order-3"));

        Assert.Equal([Start, Start + 31 * Day], (await Engine.MailsAsync(contact, "thanks")).Select(m => m.CreatedAt));
        Assert.Equal(3, (await Engine.Flows.InstancesAsync("review", contact, 10, CancellationToken.None)).Count);
    }
}
