using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Contacts;
using Rekindle.Core.Flows;
using static Rekindle.Core.Tests.Flows.FlowSamples;

namespace Rekindle.Core.Tests.Flows.Steps;

public class WaitStepTests
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    private static FlowStepResult StartAt(WaitStep wait, DateTimeOffset now, ContactProfile? profile = null, TimeZoneInfo? zone = null) =>
        FlowInterpreter.Start(Flow(wait), "i-1", "c-1", Track("Product Added", now), new FlowInput(profile ?? Profile(), now) { TimeZone = zone ?? Warsaw });

    [Fact]
    public void Until_TimeOfDayInTheContactsZone_WakesAtThatLocalTime()
    {
        // 2025-03-14 09:30 UTC is 10:30 in Warsaw (UTC+1): 09:00 has passed today, so tomorrow 09:00 local = 08:00 UTC.
        var wait = new WaitStep("w", null, TimeSpan.Zero) { Until = new LocalTimeRule(new TimeOnly(9, 0), []) };

        Assert.Equal(new DateTimeOffset(2025, 3, 15, 8, 0, 0, TimeSpan.Zero), StartAt(wait, T0).Instance.WakeAt);
    }

    [Fact]
    public void Until_AfterADurationOnWeekdays_SkipsTheWeekend()
    {
        // Friday 10:30 Warsaw + 1 day = Saturday; the next weekday 09:00 is Monday 2025-03-17 09:00 CET.
        var wait = new WaitStep("w", null, TimeSpan.FromDays(1))
        {
            Until = new LocalTimeRule(new TimeOnly(9, 0), [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]),
        };

        Assert.Equal(new DateTimeOffset(2025, 3, 17, 9, 0, 0, TimeSpan.FromHours(1)), StartAt(wait, T0).Instance.WakeAt);
    }

    [Fact]
    public void Until_ATimeTheClocksSkip_WakesAtThatWallTimeAfterTheJump()
    {
        // Warsaw skips 02:00–03:00 on 2025-03-30: "02:30" that day is read as 03:30 CEST = 01:30 UTC (LocalTimes).
        var wait = new WaitStep("w", null, TimeSpan.Zero) { Until = new LocalTimeRule(new TimeOnly(2, 30), []) };

        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 30, 0, TimeSpan.Zero),
            StartAt(wait, new DateTimeOffset(2025, 3, 29, 12, 0, 0, TimeSpan.Zero)).Instance.WakeAt);
    }

    [Fact]
    public void Until_ATimeThatHappensTwice_WakesAtTheFirst()
    {
        // Warsaw repeats 02:00–03:00 on 2025-10-26: the first 02:30 is CEST (UTC+2) = 00:30 UTC.
        var wait = new WaitStep("w", null, TimeSpan.Zero) { Until = new LocalTimeRule(new TimeOnly(2, 30), []) };

        Assert.Equal(new DateTimeOffset(2025, 10, 26, 0, 30, 0, TimeSpan.Zero),
            StartAt(wait, new DateTimeOffset(2025, 10, 25, 12, 0, 0, TimeSpan.Zero)).Instance.WakeAt);
    }

    [Fact]
    public void UntilDate_ADateTraitWithAnOffset_WakesThatDayAtTheLocalTime()
    {
        var wait = new WaitStep("w", null, TimeSpan.Zero) { UntilDate = new TraitDateRule("subscription_end", -7, new TimeOnly(10, 0)) };
        var profile = WithTrait("subscription_end", "\"2025-06-30\"");

        // 2025-06-23 10:00 CEST = 08:00 UTC.
        Assert.Equal(new DateTimeOffset(2025, 6, 23, 8, 0, 0, TimeSpan.Zero), StartAt(wait, T0, profile).Instance.WakeAt);
    }

    [Fact]
    public void UntilDate_ADateAlreadyPast_GoesOnAtOnce()
    {
        var wait = new WaitStep("w", null, TimeSpan.Zero) { UntilDate = new TraitDateRule("subscription_end", 0, new TimeOnly(9, 0)) };

        FlowStepResult result = StartAt(wait, T0, WithTrait("subscription_end", "\"2024-12-31T23:00:00Z\""));

        Assert.Equal(FlowInstanceStatus.Completed, result.Instance.Status);
        Assert.Empty(result.Effects);
    }

    [Theory]
    [InlineData("\"1990-02-28\"", 2026, 2, 26)]   // this year's birthday (2025-02-28) has passed: next year's, 2 days before
    [InlineData("\"--04-01\"", 2025, 3, 30)]      // a year-less date recurs even without "yearly"
    public void UntilDate_Yearly_WaitsForTheNextOccurrence(string value, int year, int month, int day)
    {
        var wait = new WaitStep("w", null, TimeSpan.Zero) { UntilDate = new TraitDateRule("birthday", -2, new TimeOnly(9, 0), Yearly: true) };

        DateTimeOffset expected = new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeZoneInfo.ConvertTime(expected.DateTime, Warsaw, TimeZoneInfo.Utc),
            StartAt(wait, T0, WithTrait("birthday", value)).Instance.WakeAt!.Value.UtcDateTime);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"next spring\"")]
    [InlineData("20250630")]
    public void UntilDate_NoDateInTheTrait_ExitsSayingSo(string? value)
    {
        var wait = new WaitStep("w", null, TimeSpan.Zero) { UntilDate = new TraitDateRule("subscription_end", 0, new TimeOnly(9, 0)) };

        FlowStepResult result = StartAt(wait, T0, value is null ? Profile() : WithTrait("subscription_end", value));

        Assert.Equal((FlowInstanceStatus.Exited, "no-date:w"), (result.Instance.Status, result.Instance.ExitReason));
    }

    [Fact]
    public void Resume_AtTheLocalTime_GoesOnAndRecordsTheVisit()
    {
        var wait = new WaitStep("w", "mail", TimeSpan.Zero) { Until = new LocalTimeRule(new TimeOnly(9, 0), []) };
        var mail = new SendEmailStep("mail", null, "Hi", "<p>Hi</p>", null);
        FlowDefinition flow = Flow(wait, mail);
        var waiting = FlowInterpreter.Start(flow, "i-1", "c-1", Track("Signed Up", T0), new FlowInput(Profile(), T0) { TimeZone = Warsaw }).Instance;
        DateTimeOffset wakeAt = waiting.WakeAt!.Value;

        FlowStepResult early = FlowInterpreter.Resume(flow, waiting, new FlowInput(Profile(), wakeAt.AddSeconds(-1)));
        FlowStepResult due = FlowInterpreter.Resume(flow, waiting, new FlowInput(Profile(), wakeAt));

        Assert.Same(waiting, early.Instance);
        Assert.Empty(early.Visits);
        Assert.Equal(FlowInstanceStatus.Completed, due.Instance.Status);
        Assert.Equal<StepVisit>([new("w", wakeAt, "next", Resumed: true), new("mail", wakeAt, "completed")], due.Visits);
    }

    private static ContactProfile WithTrait(string name, string json) =>
        Profile() with { Traits = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, JsonElement>(name, JsonDocument.Parse(json).RootElement.Clone())]) };
}
