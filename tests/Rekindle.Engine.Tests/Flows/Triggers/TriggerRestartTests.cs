using Microsoft.Extensions.Time.Testing;
using Rekindle.Engine.Tests.Infrastructure;
using static Rekindle.Engine.Tests.Flows.Triggers.TriggerFlows;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Flows.Triggers;

/// <summary>Trigger timers are rows: a new engine on the same database knows them, fires each once, and arms no twin.</summary>
public sealed class TriggerRestartTests : IDisposable
{
    private static readonly DateTimeOffset Day0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Day0);
    private EngineDatabase? _database;

    public void Dispose() => _database?.Dispose();

    [Fact]
    public async Task RestartBetweenArmingAndFiring_VisitAfterRestartMovesTheSameTimer_OneMailOnDay150()
    {
        _database = await EngineDatabase.CreateAsync(_clock, WinBack);
        string contact;
        await using (var first = await EngineHost.StartAsync(_database, _clock))
        {
            await first.ApplyAsync(
                Identify("anon-r", null, Day0, new { email = "rae@example.com", first_name = "Rae" }), Track("anon-r", "Page Viewed", Day0));
            contact = await first.ContactAsync("rae@example.com");
        }

        _clock.Advance(60 * Day);
        await using var second = await EngineHost.StartAsync(_database, _clock);
        await second.ApplyAsync(Track("anon-r", "Page Viewed", Day0 + 60 * Day));
        Assert.Equal(Day0 + 90 * Day, Assert.Single(await second.TriggerTimersAsync("win-back")).DueAt);

        second.Advance(30 * Day);
        await second.WaitUntilAsync(
            async () => (await second.TriggerTimersAsync("win-back")).SingleOrDefault()?.DueAt == Day0 + 150 * Day, "the timer to move to day 150");
        second.Advance(60 * Day);
        await second.WaitUntilAsync(async () => (await second.TriggerTimersAsync("win-back")).Count == 0, "the win-back timer to fire");

        var mail = Assert.Single(await second.MailsAsync(contact, "win-back"));
        Assert.Equal(Day0 + 150 * Day, mail.CreatedAt);
        Assert.Single(await second.Flows.InstancesAsync("win-back", contact, 10, CancellationToken.None));
        Assert.Empty(second.Problems);
    }

    [Fact]
    public async Task BirthdayPassedWhileStopped_NextEngineFiresItOnce_AndArmsNextYear()
    {
        _database = await EngineDatabase.CreateAsync(_clock, Birthday);
        string contact;
        await using (var first = await EngineHost.StartAsync(_database, _clock))
        {
            await first.ApplyAsync(Identify("anon-b", null, Day0, new { email = "bo@example.com", birthday = "1991-06-10" }));
            contact = await first.ContactAsync("bo@example.com");
        }

        _clock.Advance(10 * Day);   // 10 June 09:00 UTC passes while nobody runs
        await using var second = await EngineHost.StartAsync(_database, _clock);
        var nextYear = new DateTimeOffset(2027, 6, 10, 9, 0, 0, TimeSpan.Zero);
        await second.WaitUntilAsync(
            async () => (await second.TriggerTimersAsync("birthday")).SingleOrDefault()?.DueAt == nextYear, "the overdue birthday to fire");

        var mail = Assert.Single(await second.MailsAsync(contact, "birthday"));
        Assert.Equal(Day0 + 10 * Day, mail.CreatedAt);
        var instance = Assert.Single(await second.Flows.InstancesAsync("birthday", contact, 10, CancellationToken.None));
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 9, 0, 0, TimeSpan.Zero), instance.StartedAt);
    }
}
