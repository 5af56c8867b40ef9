using Microsoft.Extensions.Time.Testing;
using Rekindle.Core.Flows;
using Rekindle.Engine.Tests.Infrastructure;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Flows;

/// <summary>A wait that ends at the contact's best send time: the grain picks the hour before committing the timer.</summary>
public sealed class BestSendTimeWaitTests : IAsyncLifetime
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
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private EngineDatabase _database = null!;
    private EngineHost _engine = null!;

    public async Task InitializeAsync()
    {
        _database = await EngineDatabase.CreateAsync(_clock, FlowJson);
        _engine = await EngineHost.StartAsync(_database, _clock);
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task EveningReader_CartOnMondayMorning_MailWaitsUntilTuesdayEvening()
    {
        var now = _clock.GetUtcNow();
        // Three Tuesday evenings of reading, 20:15 each: the contact's Tuesday 20:00 hour holds every visit.
        await _engine.ApplyAsync(
            Identify("anon-eve", null, now, new { email = "eve@example.com" }),
            Page("anon-eve", new DateTimeOffset(2026, 2, 10, 20, 15, 0, TimeSpan.Zero)),
            Page("anon-eve", new DateTimeOffset(2026, 2, 17, 20, 15, 0, TimeSpan.Zero)),
            Page("anon-eve", new DateTimeOffset(2026, 2, 24, 20, 15, 0, TimeSpan.Zero)));
        await _engine.ApplyAsync(ProductAdded("anon-eve", now));
        var eve = await _engine.Contacts.LookupAsync("email", "eve@example.com", CancellationToken.None);
        var tuesdayEvening = new DateTimeOffset(2026, 3, 3, 20, 0, 0, TimeSpan.Zero);

        var waiting = Assert.Single(await _engine.Flows.InstancesAsync("cart-best-time", eve, 10, CancellationToken.None));
        Assert.Equal(("wait", tuesdayEvening), (waiting.CurrentStepId, waiting.WakeAt));
        var timer = Assert.Single(await _engine.Flows.DueTimersAsync(now.AddYears(1), 10, CancellationToken.None));
        Assert.Equal(tuesdayEvening, timer.DueAt);

        // A day later (the plain wait's end) nothing is sent yet; at 20:00 the mail goes.
        _engine.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await _engine.Messages.ForContactAsync(eve!, CancellationToken.None));
        _engine.Advance(TimeSpan.FromHours(11));
        await _engine.WaitUntilAsync(async () => (await _engine.Messages.ForContactAsync(eve!, CancellationToken.None)).Count == 1, "the mail at 20:00");

        var message = Assert.Single(await _engine.Messages.ForContactAsync(eve!, CancellationToken.None));
        Assert.Equal(tuesdayEvening, message.CreatedAt);
        Assert.Equal(FlowInstanceStatus.Completed, Assert.Single(await _engine.Flows.InstancesAsync("cart-best-time", eve, 10, CancellationToken.None)).Status);
    }
}
