using Rekindle.Engine.Tests.Infrastructure;
using static Rekindle.Engine.Tests.Flows.Triggers.TriggerFlows;
using static Rekindle.Engine.Tests.Infrastructure.TestEvents;

namespace Rekindle.Engine.Tests.Flows.Triggers;

/// <summary>Birthdays at 09:00 on the contact's own wall clock, every year; a changed birthday moves the timer.</summary>
public sealed class DateTraitTriggerTests() : EngineTest(Start, [Birthday])
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // 09:00 in Warsaw in June is 07:00 UTC (CEST).
    private static readonly DateTimeOffset NineInWarsaw2026 = new(2026, 6, 15, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NineInWarsaw2027 = new(2027, 6, 15, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Birthday_FiresAtNineInTheContactsZone_AndAgainNextYear()
    {
        await Engine.ApplyAsync(Identify("anon-o", null, Start,
            new { email = "ola@example.com", first_name = "Ola", birthday = "1990-06-15", timezone = "Europe/Warsaw" }));
        var contact = await Engine.ContactAsync("ola@example.com");
        Assert.Equal(NineInWarsaw2026, Assert.Single(await Engine.TriggerTimersAsync("birthday")).DueAt);

        Engine.Advance(NineInWarsaw2026 - Start);
        await Engine.WaitUntilAsync(
            async () => (await Engine.TriggerTimersAsync("birthday")).SingleOrDefault()?.DueAt == NineInWarsaw2027, "the birthday to fire and re-arm");
        var first = Assert.Single(await Engine.MailsAsync(contact, "birthday"));
        Assert.Equal(("Happy birthday, Ola", NineInWarsaw2026), (first.Subject, first.CreatedAt));

        Engine.Advance(NineInWarsaw2027 - NineInWarsaw2026);
        await Engine.WaitUntilAsync(
            async () => (await Engine.TriggerTimersAsync("birthday")).SingleOrDefault()?.DueAt == NineInWarsaw2027.AddYears(1), "next year's birthday");
        Assert.Equal([NineInWarsaw2026, NineInWarsaw2027], (await Engine.MailsAsync(contact, "birthday")).Select(m => m.CreatedAt));
    }

    [Fact]
    public async Task BirthdayChanged_MovesTheTimer_DefaultZoneIsUtc()
    {
        await Engine.ApplyAsync(Identify("anon-p", null, Start, new { email = "piotr@example.com", birthday = "1985-06-20" }));
        var armed = Assert.Single(await Engine.TriggerTimersAsync("birthday"));
        Assert.Equal(new DateTimeOffset(2026, 6, 20, 9, 0, 0, TimeSpan.Zero), armed.DueAt);

        await Engine.ApplyAsync(Identify("anon-p", null, Start.AddMinutes(1), new { birthday = "1985-12-24" }));

        var moved = Assert.Single(await Engine.TriggerTimersAsync("birthday"));
        Assert.NotEqual(armed.Id, moved.Id);
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero), moved.DueAt);
    }
}

/// <summary><c>Flows:DefaultTimeZone</c> places contacts without a timezone trait.</summary>
public sealed class DefaultTimeZoneTests() : EngineTest(
    new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), [Birthday], new Dictionary<string, string?> { ["Flows:DefaultTimeZone"] = "America/New_York" })
{
    [Fact]
    public async Task NoTimezoneTrait_UsesTheConfiguredZone()
    {
        await Engine.ApplyAsync(Identify("anon-q", null, Clock.GetUtcNow(), new { email = "quinn@example.com", birthday = "--03-01" }));

        // 09:00 EST on 1 March is 14:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.Zero), Assert.Single(await Engine.TriggerTimersAsync("birthday")).DueAt);
    }
}
