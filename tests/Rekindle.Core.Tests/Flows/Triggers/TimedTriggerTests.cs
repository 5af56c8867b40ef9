using Rekindle.Core.Flows.Triggers;
using static Rekindle.Core.Tests.Flows.Triggers.TriggerTestProfiles;

namespace Rekindle.Core.Tests.Flows.Triggers;

public class TimedTriggerTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ninety = TimeSpan.FromDays(90);
    private static readonly InactivityTrigger WinBack = new(["Page Viewed", "Order Completed"], Ninety);
    private static readonly DateTraitTrigger Birthday = new("birthday", 0, new TimeOnly(9, 0), Yearly: true);

    private static TriggerClock At(DateTimeOffset now) => new(now, TimeZoneInfo.Utc);

    [Fact]
    public void OnApplied_FirstWatchedEvent_ArmsAtLastPlusTheLength()
    {
        var plan = WinBack.OnApplied(WithEvents(), WithEvents(("Page Viewed", Day0)), null, At(Day0));

        Assert.Equal(TimerPlan.Arm(Day0 + Ninety), plan);
    }

    [Fact]
    public void OnApplied_WhileArmed_OrUnwatchedEvent_WritesNothing()
    {
        var armed = WinBack.OnApplied(WithEvents(("Page Viewed", Day0)), WithEvents(("Page Viewed", Day0.AddDays(60))), Day0 + Ninety, At(Day0.AddDays(60)));
        var unwatched = WinBack.OnApplied(WithEvents(), WithEvents(("Email Opened", Day0)), null, At(Day0));

        Assert.Equal((TimerPlan.Keep, TimerPlan.Keep), (armed, unwatched));
    }

    [Fact]
    public void OnTimer_NewerEventSinceArming_RearmsFromIt()
    {
        var fired = WinBack.OnTimer("t-1", Day0 + Ninety, WithEvents(("Page Viewed", Day0), ("Order Completed", Day0.AddDays(60))), At(Day0 + Ninety));

        Assert.Equal(new TimerFired(null, Day0.AddDays(150)), fired);
    }

    [Fact]
    public void OnTimer_SilentForTheWholeLength_StartsStampedWhenTheSilenceReachedIt()
    {
        var fired = WinBack.OnTimer("t-1", Day0 + Ninety, WithEvents(("Page Viewed", Day0)), At(Day0 + Ninety + TimeSpan.FromMinutes(3)));

        Assert.Null(fired.RearmAt);
        var start = fired.Start!;
        Assert.Equal(("t-1", TriggerEvents.Inactive, Day0 + Ninety), (start.MessageId, start.Event, start.Timestamp));
        Assert.Equal("""{"lastEventAt":"2026-01-05T12:00:00+00:00","inactiveFor":"90d"}""", start.Properties);
    }

    [Fact]
    public void ArmFor_ContactWhoNeverDidTheEvent_IsNotInactive()
    {
        Assert.Null(WinBack.ArmFor(WithEvents(("Email Opened", Day0)), At(Day0)));
        Assert.Equal(Day0 + Ninety, WinBack.ArmFor(WithEvents(("Order Completed", Day0)), At(Day0)));
    }

    [Fact]
    public void Next_Birthday_IsNineInTheContactsZoneThisYearOrNext()
    {
        var ola = WithTraits(new { birthday = "1990-06-15", timezone = "Europe/Warsaw" });

        Assert.Equal(new DateTimeOffset(2026, 6, 15, 7, 0, 0, TimeSpan.Zero), Birthday.Next(ola, Day0, TimeZoneInfo.Utc));
        Assert.Equal(new DateTimeOffset(2027, 6, 15, 7, 0, 0, TimeSpan.Zero), Birthday.Next(ola, new DateTimeOffset(2026, 6, 15, 7, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Next_LeapDayBirthday_FallsOnThe28thInOtherYears()
    {
        var leapling = WithTraits(new { birthday = "--02-29" });

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 9, 0, 0, TimeSpan.Zero), Birthday.Next(leapling, Day0, TimeZoneInfo.Utc));
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 9, 0, 0, TimeSpan.Zero), Birthday.Next(leapling, new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Next_DaysBeforeAcrossNewYear_AndOnceInThePast()
    {
        var reminder = new DateTraitTrigger("renews", -7, new TimeOnly(10, 0), Yearly: false);
        var newYear = WithTraits(new { renews = "2026-01-03" });

        Assert.Equal(new DateTimeOffset(2025, 12, 27, 10, 0, 0, TimeSpan.Zero), reminder.Next(newYear, new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
        Assert.Null(reminder.Next(newYear, Day0, TimeZoneInfo.Utc));
    }

    [Fact]
    public void OnApplied_DateTraitSetOrChanged_ArmsOrMoves_AndOtherTraitsDoNot()
    {
        var before = WithTraits(new { name = "Ola" });
        var after = WithTraits(new { name = "Ola", birthday = "1990-06-15" });
        var moved = WithTraits(new { name = "Ola", birthday = "1990-07-01" });
        var junk = WithTraits(new { name = "Ola", birthday = "someday" });
        var jun15 = new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimerPlan.Arm(jun15), Birthday.OnApplied(before, after, null, At(Day0)));
        Assert.Equal(TimerPlan.Arm(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero)), Birthday.OnApplied(after, moved, jun15, At(Day0)));
        Assert.Equal(TimerPlan.Disarm, Birthday.OnApplied(after, junk, jun15, At(Day0)));
        Assert.Equal(TimerPlan.Keep, Birthday.OnApplied(after, after with { Email = "ola@example.com" }, jun15, At(Day0)));
    }

    [Fact]
    public void OnTimer_Birthday_StartsAndRearmsNextYear_OnceDoesNot()
    {
        var ola = WithTraits(new { birthday = "1990-06-15" });
        var due = new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

        var yearly = Birthday.OnTimer("t-1", due, ola, At(due));
        var once = (Birthday with { Yearly = false }).OnTimer("t-1", due, WithTraits(new { birthday = "2026-06-15" }), At(due));

        Assert.Equal((TriggerEvents.DateReached, due, due.AddYears(1)), (yearly.Start!.Event, yearly.Start.Timestamp, yearly.RearmAt));
        Assert.Equal("""{"trait":"birthday","date":"1990-06-15","offsetDays":0}""", yearly.Start.Properties);
        Assert.Equal((due, (DateTimeOffset?)null), (once.Start!.Timestamp, once.RearmAt));
    }

    [Fact]
    public void OnTimer_StaleTimerForAnOldDate_StartsNothingAndRearmsForTheNewOne()
    {
        var ola = WithTraits(new { birthday = "1990-07-01" });

        var fired = Birthday.OnTimer("t-1", new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero), ola, At(new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero)));

        Assert.Equal(new TimerFired(null, new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero)), fired);
    }
}
