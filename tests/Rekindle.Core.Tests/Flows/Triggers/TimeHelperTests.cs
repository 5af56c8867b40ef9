using Rekindle.Core.Flows.Time;
using static Rekindle.Core.Tests.Flows.Triggers.TriggerTestProfiles;

namespace Rekindle.Core.Tests.Flows.Triggers;

public class TimeHelperTests
{
    private static readonly TimeZoneInfo Warsaw = Zone("Europe/Warsaw");

    [Fact]
    public void At_SummerAndWinter_UsesTheOffsetOfThatDay()
    {
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero), LocalTimes.At(new DateOnly(2026, 7, 1), new TimeOnly(9, 0), Warsaw));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero), LocalTimes.At(new DateOnly(2026, 1, 15), new TimeOnly(9, 0), Warsaw));
    }

    [Fact]
    public void At_TimeSkippedBySpringForward_IsTheSameWallTimeAfterTheJump()
    {
        // 29 March 2026, 02:00 CET → 03:00 CEST: 02:30 does not exist; it is read as 02:30 CET = 03:30 CEST.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), LocalTimes.At(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), Warsaw));
    }

    [Fact]
    public void At_TimeRepeatedByFallBack_IsTheFirstOne()
    {
        // 25 October 2026, 03:00 CEST → 02:00 CET: 02:30 happens at 00:30 and 01:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), LocalTimes.At(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), Warsaw));
    }

    [Fact]
    public void NextAt_BeforeAndAfterTheTimeOfDay_IsTodayOrTomorrow()
    {
        var morning = new DateTimeOffset(2026, 7, 1, 6, 0, 0, TimeSpan.Zero);   // 08:00 in Warsaw

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 7, 0, 0, TimeSpan.Zero), LocalTimes.NextAt(morning, new TimeOnly(9, 0), Warsaw));
        Assert.Equal(new DateTimeOffset(2026, 7, 2, 7, 0, 0, TimeSpan.Zero), LocalTimes.NextAt(morning.AddHours(2), new TimeOnly(9, 0), Warsaw));
        Assert.Equal(morning.AddHours(1), LocalTimes.NextAt(morning.AddHours(1), new TimeOnly(9, 0), Warsaw));
    }

    [Theory]
    [InlineData("Europe/Warsaw", "Europe/Warsaw")]
    [InlineData("Mars/Olympus", "UTC")]
    [InlineData("", "UTC")]
    public void Resolve_TimezoneTrait_KnownIdWinsElseTheFallback(string trait, string expected)
    {
        Assert.Equal(expected, ContactTimeZone.Resolve(WithTraits(new { timezone = trait }), TimeZoneInfo.Utc).Id);
    }

    [Fact]
    public void Resolve_NoTrait_IsTheFallback()
    {
        Assert.Same(Warsaw, ContactTimeZone.Resolve(WithTraits(new { }), Warsaw));
    }

    [Theory]
    [InlineData("1990-02-28", 1990, 2, 28)]
    [InlineData("--02-29", null, 2, 29)]
    [InlineData("2027-03-31T00:00:00Z", 2027, 3, 31)]
    [InlineData("2027-03-31T23:30:00-05:00", 2027, 3, 31)]
    public void Parse_DateForms_GiveTheCalendarDate(string text, int? year, int month, int day)
    {
        Assert.Equal(new TraitDate(year, month, day), TraitDate.Parse(text));
    }

    [Theory]
    [InlineData("1990-02-30")]
    [InlineData("--13-01")]
    [InlineData("--02-30")]
    [InlineData("31/03/2027")]
    [InlineData("2027-03-31Tnoon")]
    [InlineData("")]
    public void Parse_NotADate_IsNull(string text)
    {
        Assert.Null(TraitDate.Parse(text));
    }

    [Fact]
    public void In_LeapDayInANonLeapYear_IsThe28th()
    {
        var leapling = new TraitDate(2000, 2, 29);

        Assert.Equal((new DateOnly(2027, 2, 28), new DateOnly(2028, 2, 29)), (leapling.In(2027), leapling.In(2028)));
    }
}
