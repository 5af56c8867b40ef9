using Rekindle.Core.Events;
using Rekindle.Core.Flows;
using Rekindle.Engine.Tests.Infrastructure;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Ingestion;

/// <summary>
/// An anonymous browser (A) turns out to be a known customer (B): the ingestion pump resolves the
/// identify that links them, and B's grain takes over A's events, identities, aggregates and journey.
/// </summary>
public sealed class IdentityMergeTests() : EngineTest(new DateTimeOffset(2026, 5, 4, 18, 30, 0, TimeSpan.Zero), [CartFlows.Json])
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public async Task IdentifyLinksAnonymousToKnown_AnonymousMergedWithEverything()
    {
        var now = Clock.GetUtcNow();
        EventMessage[] browsing = [Page("anon-a", now), Page("anon-a", now.AddMinutes(1)), Page("anon-a", now.AddMinutes(2)), ProductAdded("anon-a", now.AddMinutes(3))];
        await Engine.ApplyAsync(browsing);
        await Engine.ApplyAsync(Identify("anon-b", "user-b", now, new { email = "bea@example.com", first_name = "Bea" }), Page("anon-b", now));
        var a = await OwnerAsync("anonymous_id", "anon-a");
        var b = await OwnerAsync("user_id", "user-b");
        var journey = Assert.Single(await InstancesAsync(a));
        Engine.Advance(TimeSpan.FromHours(1));

        var link = Identify("anon-a", "user-b", Clock.GetUtcNow());
        await Engine.ApplyAsync(link);

        var stored = await Engine.Contacts.FindAsync(a, CancellationToken.None);
        Assert.Equal(b, stored?.MergedInto);
        Assert.Empty(await Engine.Events.TimelineAsync(a, 100, CancellationToken.None));
        var timeline = await Engine.Events.TimelineAsync(b, 100, CancellationToken.None);
        Assert.Superset(browsing.Select(e => e.MessageId).Append(link.MessageId).ToHashSet(), timeline.Select(e => e.MessageId).ToHashSet());
        Assert.Equal(7, timeline.Count);
        Assert.Empty(await Engine.Contacts.IdentitiesAsync(a, CancellationToken.None));
        Assert.Equal(
            [("anonymous_id", "anon-a"), ("anonymous_id", "anon-b"), ("email", "bea@example.com"), ("user_id", "user-b")],
            await Engine.Contacts.IdentitiesAsync(b, CancellationToken.None));
        var profile = (await Engine.Contacts.FindAsync(b, CancellationToken.None))!.Profile;
        Assert.Equal((4, "bea@example.com", "user-b"), (profile.PageViews, profile.Email, profile.UserId));
        Assert.Equal(("lamp-7", 1), (Assert.Single(profile.Cart).ProductId, profile.Cart[0].Quantity));

        // The journey A began goes on as B's: same instance, same wake-up, and its timer now wakes B.
        Assert.Empty(await InstancesAsync(a));
        var moved = Assert.Single(await InstancesAsync(b));
        Assert.Equal((journey.Id, FlowInstanceStatus.Active, journey.WakeAt), (moved.Id, moved.Status, moved.WakeAt));
        Assert.Equal(b, Assert.Single(await TimersAsync()).ContactId);

        Engine.Advance(Day);
        await WaitForStatusAsync(b, journey.Id, FlowInstanceStatus.Completed);
        var mail = Assert.Single(await Engine.Messages.ForContactAsync(b, CancellationToken.None));
        Assert.Equal(("bea@example.com", "Bea, you left 1 item(s) behind"), (mail.Recipient, mail.Subject));
    }

    [Fact]
    public async Task BothInTheFlowWhenMerged_AnonymousJourneyExitsAndOnlyOneMailGoesOut()
    {
        var now = Clock.GetUtcNow();
        await Engine.ApplyAsync(ProductAdded("anon-a", now));
        await Engine.ApplyAsync(
            Identify("anon-b", "user-b", now, new { email = "bea@example.com", first_name = "Bea" }),
            ProductAdded("anon-b", now) with { UserId = "user-b" });
        var a = await OwnerAsync("anonymous_id", "anon-a");
        var b = await OwnerAsync("user_id", "user-b");
        var fromA = Assert.Single(await InstancesAsync(a));
        var own = Assert.Single(await InstancesAsync(b));
        Engine.Advance(TimeSpan.FromHours(2));

        await Engine.ApplyAsync(Identify("anon-a", "user-b", Clock.GetUtcNow()));

        var instances = (await InstancesAsync(b)).ToDictionary(i => i.Id);
        Assert.Equal(2, instances.Count);
        Assert.Equal(FlowInstanceStatus.Active, instances[own.Id].Status);
        Assert.Equal(FlowInstanceStatus.Exited, instances[fromA.Id].Status);
        Assert.Equal("merged into a contact already in this flow", instances[fromA.Id].ExitReason);
        Assert.Null(instances[fromA.Id].WakeAt);
        // A cart is a state, not a sum: the survivor keeps its own when neither side changed it later.
        Assert.Equal(1, (await Engine.Contacts.FindAsync(b, CancellationToken.None))!.Profile.Cart.Single().Quantity);

        // Both timers now belong to B; the exited journey's one finds nothing to wake.
        Engine.Advance(Day);
        await WaitForStatusAsync(b, own.Id, FlowInstanceStatus.Completed);
        await Engine.WaitUntilAsync(async () => (await TimersAsync()).Count == 0, "both timers to fire");
        var mail = Assert.Single(await Engine.Messages.ForContactAsync(b, CancellationToken.None));
        Assert.Equal((own.Id, "Bea, you left 1 item(s) behind"), (mail.InstanceId, mail.Subject));
        Assert.Equal(FlowInstanceStatus.Exited, (await InstancesAsync(b)).Single(i => i.Id == fromA.Id).Status);
        Assert.Empty(Engine.Problems);
    }

    [Fact]
    public async Task TimerClaimedBeforeTheMerge_WakesTheMergedAwayContact_SurvivorStillWakesOnTime()
    {
        var now = Clock.GetUtcNow();
        await Engine.ApplyAsync(ProductAdded("anon-a", now));
        await Engine.ApplyAsync(Identify("anon-b", "user-b", now, new { email = "bea@example.com", first_name = "Bea" }));
        var a = await OwnerAsync("anonymous_id", "anon-a");
        var b = await OwnerAsync("user_id", "user-b");
        var timer = Assert.Single(await TimersAsync());
        Engine.Advance(TimeSpan.FromHours(1));
        await Engine.ApplyAsync(Identify("anon-a", "user-b", Clock.GetUtcNow()));

        // The timer loop read the row while it still named A and calls A only after the merge.
        await Engine.Get<IGrainFactory>().GetGrain<Contacts.IContactGrain>(a).WakeAsync(timer.Id, timer.InstanceId);

        Assert.Equal(timer with { ContactId = b }, Assert.Single(await TimersAsync()));
        Engine.Advance(Day);
        await WaitForStatusAsync(b, timer.InstanceId, FlowInstanceStatus.Completed);
        Assert.Single(await Engine.Messages.ForContactAsync(b, CancellationToken.None));
    }

    private async Task<string> OwnerAsync(string kind, string value) =>
        await Engine.Contacts.LookupAsync(kind, value, CancellationToken.None) ?? throw new InvalidOperationException($"nobody owns {kind} {value}");

    private Task<IReadOnlyList<FlowInstance>> InstancesAsync(string contactId) =>
        Engine.Flows.InstancesAsync(CartFlows.Id, contactId, 10, CancellationToken.None);

    private Task<IReadOnlyList<Storage.Flows.DueTimer>> TimersAsync() =>
        Engine.Flows.DueTimersAsync(Clock.GetUtcNow().AddYears(10), 100, CancellationToken.None);

    private Task WaitForStatusAsync(string contactId, string instanceId, FlowInstanceStatus status) =>
        Engine.WaitUntilAsync(async () => (await InstancesAsync(contactId)).SingleOrDefault(i => i.Id == instanceId)?.Status == status,
            $"instance {instanceId} to become {status}");
}
