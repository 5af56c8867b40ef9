using Rekindle.Core.Flows.Triggers;
using Rekindle.Engine.Tests.Infrastructure;
using static Rekindle.Engine.Tests.Flows.Triggers.TriggerFlows;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Flows.Triggers;

/// <summary>
/// The seed's "no visit for 90 days → win-back": one timer per contact, armed by the first visit, looked at again when
/// it falls due — a later visit moves it, silence starts the flow.
/// </summary>
public sealed class InactivityTriggerTests() : EngineTest(Day0, [WinBack])
{
    private static readonly DateTimeOffset Day0 = new(2026, 2, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task LastVisitOnDay0_Day90_StartsTheFlowOnce_AndArmsNothingMore()
    {
        await Engine.ApplyAsync(
            Identify("anon-w", null, Day0, new { email = "wanda@example.com", first_name = "Wanda" }), Track("anon-w", "Page Viewed", Day0));
        var contact = await Engine.ContactAsync("wanda@example.com");
        Assert.Equal(Day0 + 90 * Day, Assert.Single(await Engine.TriggerTimersAsync("win-back")).DueAt);

        Engine.Advance(90 * Day);
        await Engine.WaitUntilAsync(async () => (await Engine.TriggerTimersAsync("win-back")).Count == 0, "the win-back timer to fire");

        var mail = Assert.Single(await Engine.MailsAsync(contact, "win-back"));
        Assert.Equal(("We miss you, Wanda", Day0 + 90 * Day), (mail.Subject, mail.CreatedAt));
        var instance = Assert.Single(await Engine.Flows.InstancesAsync("win-back", contact, 10, CancellationToken.None));
        Assert.Equal(Day0 + 90 * Day, instance.StartedAt);
    }

    [Fact]
    public async Task VisitOnDay60_NothingOnDay90_StartsOnDay150()
    {
        await Engine.ApplyAsync(
            Identify("anon-v", null, Day0, new { email = "vic@example.com", first_name = "Vic" }), Track("anon-v", "Page Viewed", Day0));
        var contact = await Engine.ContactAsync("vic@example.com");
        var armed = Assert.Single(await Engine.TriggerTimersAsync("win-back"));

        Engine.Advance(60 * Day);
        await Engine.ApplyAsync(Track("anon-v", "Page Viewed", Day0 + 60 * Day));
        Assert.Equal(armed, Assert.Single(await Engine.TriggerTimersAsync("win-back")));   // a visit writes no timer

        Engine.Advance(30 * Day);
        await Engine.WaitUntilAsync(
            async () => (await Engine.TriggerTimersAsync("win-back")).SingleOrDefault()?.DueAt == Day0 + 150 * Day, "the timer to move to day 150");
        Assert.Empty(await Engine.MailsAsync(contact, "win-back"));

        Engine.Advance(60 * Day);
        await Engine.WaitUntilAsync(async () => (await Engine.TriggerTimersAsync("win-back")).Count == 0, "the win-back timer to fire");
        var mail = Assert.Single(await Engine.MailsAsync(contact, "win-back"));
        Assert.Equal(Day0 + 150 * Day, mail.CreatedAt);
    }

    [Fact]
    public async Task ContactWhoNeverVisited_ArmsNothing()
    {
        await Engine.ApplyAsync(
            Identify("anon-n", null, Day0, new { email = "nell@example.com" }), Track("anon-n", "Email Opened", Day0));

        Assert.Empty(await Engine.TriggerTimersAsync("win-back"));
    }

    [Fact]
    public async Task ImportedPageView_ArmsFromItsTime_LikeTheBackfillWould()
    {
        var imported = Track("anon-i", "Page Viewed", Day0 - 30 * Day) with { Context = """{"rekindle":{"imported":true}}""" };

        await Engine.ApplyAsync(Identify("anon-i", null, Day0, new { email = "ida@example.com" }), imported);

        Assert.Equal(Day0 + 60 * Day, Assert.Single(await Engine.TriggerTimersAsync("win-back")).DueAt);
        Assert.Empty(await Engine.Flows.InstancesAsync("win-back", await Engine.ContactAsync("ida@example.com"), 10, CancellationToken.None));
    }

    [Fact]
    public async Task FlowSavedAfterTheVisits_BackfillArmsSilentContacts_AndTheyAreCaught()
    {
        const string Later = """
            {"id":"win-back-later","name":"Win back","trigger":{"type":"inactivity","events":["Order Completed"],"for":"90d"},
             "steps":[{"id":"mail","type":"sendEmail","subject":"Long time no see","html":"<p>Come back</p>"}]}
            """;
        await Engine.ApplyAsync(
            Identify("anon-b", null, Day0, new { email = "bea@example.com" }), OrderCompleted("anon-b", Day0),
            Identify("anon-c", null, Day0, new { email = "cal@example.com" }));
        var bea = await Engine.ContactAsync("bea@example.com");
        Engine.Advance(100 * Day);

        await Engine.Flows.SaveFlowAsync("win-back-later", "Win back", Later, Clock.GetUtcNow(), CancellationToken.None);
        await Engine.Get<Rekindle.Engine.Flows.FlowCatalog>().RefreshAsync(CancellationToken.None);
        await Engine.WaitUntilAsync(async () => (await Engine.Flows.BackfillAsync("win-back-later", CancellationToken.None)).Done, "the backfill to finish");

        // Bea has been silent for 100 days: her timer was due at day 90, so it fires at once. Cal never ordered.
        Assert.Equal(1, (await Engine.Flows.BackfillAsync("win-back-later", CancellationToken.None)).Armed);
        Engine.Advance(TimeSpan.FromSeconds(1));
        await Engine.WaitUntilAsync(async () => (await Engine.MailsAsync(bea, "win-back-later")).Count == 1, "Bea's win-back mail");
        Assert.Empty(await Engine.TriggerTimersAsync("win-back-later"));
        var instance = Assert.Single(await Engine.Flows.InstancesAsync("win-back-later", bea, 10, CancellationToken.None));
        Assert.Equal(Day0 + 90 * Day, instance.StartedAt);
    }
}
