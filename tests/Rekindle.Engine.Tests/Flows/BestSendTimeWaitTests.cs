using Rekindle.Core.Flows;
using Rekindle.Engine.Tests.Infrastructure;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Flows;

/// <summary>A wait that ends at the contact's best send time: the grain picks the hour before committing the timer.</summary>
public sealed class BestSendTimeWaitTests() : EngineTest(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), [FlowJson])
{
    private const string FlowJson = """
        {
          "id": "cart-best-time", "name": "Cart at the best hour", "trigger": { "events": ["Product Added"] },
          "steps": [
            { "id": "wait", "type": "wait", "duration": "1d", "bestTimeWithin": "1d", "next": "mail" },
            { "id": "mail", "type": "sendEmail", "subject": "Still thinking?", "html": "<p>Your cart</p>" }
          ]
        }
        """;

    // Monday 2 March 2026, 09:00 UTC.
    [Fact]
    public async Task EveningReader_CartOnMondayMorning_MailWaitsUntilTuesdayEvening()
    {
        var now = Clock.GetUtcNow();
        // Three Tuesday evenings of reading, 20:15 each: the contact's Tuesday 20:00 hour holds every visit.
        await Engine.ApplyAsync(
            Identify("anon-eve", null, now, new { email = "eve@example.com" }),
            Page("anon-eve", new DateTimeOffset(2026, 2, 10, 20, 15, 0, TimeSpan.Zero)),
            Page("anon-eve", new DateTimeOffset(2026, 2, 17, 20, 15, 0, TimeSpan.Zero)),
            Page("anon-eve", new DateTimeOffset(2026, 2, 24, 20, 15, 0, TimeSpan.Zero)));
        await Engine.ApplyAsync(ProductAdded("anon-eve", now));
        var eve = await Engine.Contacts.LookupAsync("email", "eve@example.com", CancellationToken.None);
        var tuesdayEvening = new DateTimeOffset(2026, 3, 3, 20, 0, 0, TimeSpan.Zero);

        var waiting = Assert.Single(await Engine.Flows.InstancesAsync("cart-best-time", eve, 10, CancellationToken.None));
        Assert.Equal(("wait", tuesdayEvening), (waiting.CurrentStepId, waiting.WakeAt));
        var timer = Assert.Single(await Engine.Flows.DueTimersAsync(now.AddYears(1), 10, CancellationToken.None));
        Assert.Equal(tuesdayEvening, timer.DueAt);

        // A day later (the plain wait's end) nothing is sent yet; at 20:00 the mail goes.
        Engine.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await Engine.Messages.ForContactAsync(eve!, CancellationToken.None));
        Engine.Advance(TimeSpan.FromHours(11));
        await Engine.WaitUntilAsync(async () => (await Engine.Messages.ForContactAsync(eve!, CancellationToken.None)).Count == 1, "the mail at 20:00");

        var message = Assert.Single(await Engine.Messages.ForContactAsync(eve!, CancellationToken.None));
        Assert.Equal(tuesdayEvening, message.CreatedAt);
        Assert.Equal(FlowInstanceStatus.Completed, Assert.Single(await Engine.Flows.InstancesAsync("cart-best-time", eve, 10, CancellationToken.None)).Status);
    }
}
