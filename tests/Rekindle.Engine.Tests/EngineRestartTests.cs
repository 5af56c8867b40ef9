using Microsoft.Extensions.Time.Testing;
using Rekindle.Core.Flows;
using Rekindle.Engine.Tests.Infrastructure;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests;

/// <summary>
/// The database is the truth: a new engine on the same database picks up exactly where the last one
/// stopped — events stored but not applied are applied once, and waiting journeys wake on time.
/// </summary>
public sealed class EngineRestartTests : IDisposable
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 7, 14, 7, 45, 0, TimeSpan.Zero));
    private EngineDatabase? _database;

    public void Dispose() => _database?.Dispose();

    [Fact]
    public async Task EventsStoredButNotApplied_NextEngine_AppliesThemOnceAndWakesTheJourney()
    {
        _database = await EngineDatabase.CreateAsync(_clock, CartFlows.Json);
        var start = _clock.GetUtcNow();
        string contact;
        FlowInstance waiting;
        await using (var first = await EngineHost.StartAsync(_database, _clock))
        {
            await first.ApplyAsync(
                Page("anon-r", start), Page("anon-r", start.AddSeconds(30)), ProductAdded("anon-r", start.AddSeconds(40)),
                Identify("anon-r", null, start.AddSeconds(50), new { email = "rita@example.com", first_name = "Rita" }));
            contact = (await first.Contacts.LookupAsync("email", "rita@example.com", CancellationToken.None))!;
            waiting = Assert.Single(await first.Flows.InstancesAsync(CartFlows.Id, contact, 10, CancellationToken.None));

            // Accepted (durable) after the loops stopped: the engine went down before applying it.
            await first.StopAsync();
            await first.StoreAsync([Page("anon-r", start.AddMinutes(5))], nudge: false);
            Assert.Equal(1, await first.Events.CountUnprocessedAsync(CancellationToken.None));
        }

        await using var second = await EngineHost.StartAsync(_database, _clock);
        await second.WaitUntilAppliedAsync();

        // Only the new page view counts; the earlier events (and the Product Added) are not applied again.
        var profile = (await second.Contacts.FindAsync(contact, CancellationToken.None))!.Profile;
        Assert.Equal((3, 1), (profile.PageViews, profile.Cart.Single().Quantity));
        Assert.Equal(5, (await second.Events.TimelineAsync(contact, 100, CancellationToken.None)).Count);
        Assert.Equal(waiting, Assert.Single(await second.Flows.InstancesAsync(CartFlows.Id, contact, 10, CancellationToken.None)));

        second.Advance(Day);
        await second.WaitUntilAsync(
            async () => (await second.Flows.InstancesAsync(CartFlows.Id, contact, 10, CancellationToken.None)).Single().Status == FlowInstanceStatus.Completed,
            "the journey to complete after the restart");
        var mail = Assert.Single(await second.Messages.ForContactAsync(contact, CancellationToken.None));
        Assert.Equal(("rita@example.com", start + Day), (mail.Recipient, mail.CreatedAt));
        Assert.Equal(0, await second.Flows.CountTimersAsync(CancellationToken.None));
        Assert.Empty(second.Problems);
    }

    [Fact]
    public async Task WaitEndedWhileStopped_NextEngine_FiresTheTimerOnceOnStart()
    {
        _database = await EngineDatabase.CreateAsync(_clock, CartFlows.Json);
        var start = _clock.GetUtcNow();
        string contact;
        await using (var first = await EngineHost.StartAsync(_database, _clock))
        {
            await first.ApplyAsync(
                ProductAdded("anon-s", start), Identify("anon-s", null, start, new { email = "sam@example.com", first_name = "Sam" }));
            contact = (await first.Contacts.LookupAsync("email", "sam@example.com", CancellationToken.None))!;
        }

        _clock.Advance(Day + TimeSpan.FromHours(6));   // nobody is running while the wait ends

        await using var second = await EngineHost.StartAsync(_database, _clock);
        await second.WaitUntilAsync(async () => await second.Flows.CountTimersAsync(CancellationToken.None) == 0, "the overdue timer to fire");

        var done = Assert.Single(await second.Flows.InstancesAsync(CartFlows.Id, contact, 10, CancellationToken.None));
        Assert.Equal((FlowInstanceStatus.Completed, _clock.GetUtcNow()), (done.Status, done.UpdatedAt));
        var mail = Assert.Single(await second.Messages.ForContactAsync(contact, CancellationToken.None));
        Assert.Equal(("Sam, you left 1 item(s) behind", done.Id), (mail.Subject, mail.InstanceId));
    }
}
