using Rekindle.Core.Intelligence.SendTime;

namespace Rekindle.Core.Tests.Intelligence.SendTime;

public sealed class EngagementWeightsTests
{
    // Tuesday 2026-11-24 20:00 UTC is hour-of-week 44.
    private static readonly DateTimeOffset Tuesday20 = new(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Histogram_ThirtyPageViewsInOneHour_OneActiveHour()
    {
        var views = Enumerable.Range(0, 30).Select(i => new Engagement("c1", Tuesday20.AddMinutes(i * 2), EngagementKind.Visit));

        var counts = EngagementWeights.Histogram(views, SendChannel.Email);

        Assert.Equal(1, counts[44]);
        Assert.Equal(1, counts.Sum());
    }

    [Fact]
    public void Histogram_SameHourOnThreeWeeks_Three()
    {
        var visits = Enumerable.Range(0, 3).Select(w => new Engagement("c1", Tuesday20.AddDays(-7 * w).AddMinutes(10), EngagementKind.Visit));

        Assert.Equal(3, EngagementWeights.Histogram(visits, SendChannel.Sms)[44]);
    }

    [Fact]
    public void Histogram_TwoContactsInTheSameHour_CountedForEach()
    {
        Engagement[] visits = [new("c1", Tuesday20, EngagementKind.Visit), new("c2", Tuesday20.AddMinutes(5), EngagementKind.Purchase)];

        Assert.Equal(2, EngagementWeights.Histogram(visits, SendChannel.Push)[44]);
    }

    [Fact]
    public void Histogram_OpenForEmail_CountsTwoAndTheVisitInTheSameHourAddsNothing()
    {
        Engagement[] hour = [new("c1", Tuesday20.AddMinutes(1), EngagementKind.EmailOpen), new("c1", Tuesday20.AddMinutes(2), EngagementKind.EmailClick),
            new("c1", Tuesday20.AddMinutes(3), EngagementKind.Visit)];

        var counts = EngagementWeights.Histogram(hour, SendChannel.Email);

        Assert.Equal(2, counts[44]);
        Assert.Equal(2, counts.Sum());
    }

    [Theory]
    [InlineData(SendChannel.Sms)]
    [InlineData(SendChannel.Push)]
    public void Histogram_OpensAndClicksForSmsOrPush_NotCounted(SendChannel channel)
    {
        Engagement[] email = [new("c1", Tuesday20, EngagementKind.EmailOpen), new("c1", Tuesday20.AddHours(1), EngagementKind.EmailClick),
            new("c1", Tuesday20.AddHours(2), EngagementKind.Visit)];

        var counts = EngagementWeights.Histogram(email, channel);

        Assert.Equal(0, counts[44]);
        Assert.Equal(0, counts[45]);
        Assert.Equal(1, counts[46]);
    }

    [Fact]
    public void Histogram_OffsetTimes_CountedInTheirUtcHour()
    {
        // 21:30 at UTC+1 is 20:30 UTC; 20:59:59.999 and 21:00 UTC are two hours.
        Engagement[] times = [new("c1", new DateTimeOffset(2026, 11, 24, 21, 30, 0, TimeSpan.FromHours(1)), EngagementKind.Visit),
            new("c2", Tuesday20.AddHours(1).AddMilliseconds(-1), EngagementKind.Visit), new("c2", Tuesday20.AddHours(1), EngagementKind.Visit)];

        var counts = EngagementWeights.Histogram(times, SendChannel.Email);

        Assert.Equal(2, counts[44]);
        Assert.Equal(1, counts[45]);
    }

    [Fact]
    public void Counted_PerChannel_EmailAddsOpensAndClicks()
    {
        Assert.Equal([EngagementKind.Visit, EngagementKind.Purchase, EngagementKind.EmailOpen, EngagementKind.EmailClick],
            EngagementWeights.Counted(SendChannel.Email));
        Assert.Equal([EngagementKind.Visit, EngagementKind.Purchase], EngagementWeights.Counted(SendChannel.Sms));
        Assert.Equal([EngagementKind.Visit, EngagementKind.Purchase], EngagementWeights.Counted(SendChannel.Push));
    }

    [Fact]
    public void Choose_EmailOpensOnTwoMorningsAgainstVisitsOnThreeEvenings_TheMorningForEmailTheEveningForSms()
    {
        // The documented rule end to end: opens at Tue 08:xx on two weeks, visits at Tue 20:xx on three weeks.
        var tuesday8 = Tuesday20.AddHours(-12);
        var engagements = Enumerable.Range(0, 2).Select(w => new Engagement("c1", tuesday8.AddDays(-7 * w).AddMinutes(5), EngagementKind.EmailOpen))
            .Concat(Enumerable.Range(0, 3).SelectMany(w => Enumerable.Range(0, 5)
                .Select(p => new Engagement("c1", Tuesday20.AddDays(-7 * w).AddMinutes(5 * p), EngagementKind.Visit))))
            .ToList();
        var monday = Tuesday20.AddHours(-44).AddDays(7);

        var email = EngagementWeights.Histogram(engagements, SendChannel.Email);
        var sms = EngagementWeights.Histogram(engagements, SendChannel.Sms);
        var forEmail = SendTimeChooser.Choose(email, email, monday, monday.AddDays(7));
        var forSms = SendTimeChooser.Choose(sms, sms, monday, monday.AddDays(7));

        // Email: Tue 08 = 2 hours × 2 = 4 against Tue 20 = 3 hours × 1 = 3; the shop (the same contact) agrees:
        // (4 + 10·4/7)/(7 + 10) ≈ 0.571 against (3 + 10·3/7)/17 ≈ 0.429. SMS sees only the visits.
        Assert.Equal(monday.AddHours(24 + 8), forEmail.SendAt);
        Assert.Equal(7, forEmail.ContactEvents);
        Assert.Equal((4 + 10 * 4 / 7.0) / 17, forEmail.Weight, 1e-12);
        Assert.Equal(monday.AddHours(24 + 20), forSms.SendAt);
        Assert.Equal(3, forSms.ContactEvents);
    }
}
