using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Rekindle.Core.Flows;
using Rekindle.Engine.Tests.Infrastructure;
using Xunit.Abstractions;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Flows;

/// <summary>A year of one shopper's cart activity through the real engine, in seconds of real time.</summary>
public sealed class FlowYearTests(ITestOutputHelper output)
{
    private const int Days = 365;
    private static readonly TimeSpan HalfDay = TimeSpan.FromHours(12);

    [Fact]
    public async Task TwoCartEventsADay_ForAYear_OneJourneyPerDay()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
        using var database = await EngineDatabase.CreateAsync(clock, CartFlows.Json);
        await using var engine = await EngineHost.StartAsync(database, clock);
        await engine.ApplyAsync(Identify("anon-year", null, clock.GetUtcNow(), new { email = "year@example.com", first_name = "Yan" }));
        var contact = (await engine.Contacts.LookupAsync("email", "year@example.com", CancellationToken.None))!;
        var watch = Stopwatch.StartNew();

        // Every day the lamp is added at 09:00 and again at 21:00. The flow waits 24 hours and re-enters
        // only while not active, so the 21:00 event falls inside the wait and starts nothing; the next
        // day's 09:00 event comes exactly when the wait ends, and the test lets the due timer fire first
        // (the order a live engine has too: the wake was due before the shopper's next click arrived).
        // Expected: 365 instances, all completed, 365 mails; no order ever empties the cart, so the mail
        // of day d (from 1) shows 2·d lamps and the last one 730.
        for (var day = 0; day < Days; day++)
        {
            await engine.ApplyAsync(ProductAdded("anon-year", clock.GetUtcNow()));
            engine.Advance(HalfDay);
            await engine.ApplyAsync(ProductAdded("anon-year", clock.GetUtcNow()));
            engine.Advance(HalfDay);
            await engine.WaitUntilAsync(async () => await engine.Flows.CountTimersAsync(CancellationToken.None) == 0, $"day {day + 1}'s wait to end");
        }

        var elapsed = watch.Elapsed;
        // Reported, not asserted: speed is measured in bench/, not in timed tests (about a second here).
        output.WriteLine($"{Days} days: {elapsed.TotalMilliseconds:F0} ms");
        var instances = await engine.Flows.InstancesAsync(CartFlows.Id, contact, 1_000, CancellationToken.None);
        Assert.Equal(Days, instances.Count);
        Assert.All(instances, i => Assert.Equal(FlowInstanceStatus.Completed, i.Status));
        var messages = await engine.Messages.ForContactAsync(contact, CancellationToken.None);
        Assert.Equal(Days, messages.Count);
        Assert.Equal("Brass Reading Lamp x 730 at 129.50\n", messages.MaxBy(m => m.CreatedAt)!.Text);
        Assert.Equal(2 * Days, (await engine.Events.TimelineAsync(contact, 10_000, CancellationToken.None)).Count(e => e.Event == "Product Added"));
    }
}
