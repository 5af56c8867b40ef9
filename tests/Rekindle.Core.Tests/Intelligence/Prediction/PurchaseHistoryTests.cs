using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Prediction;

namespace Rekindle.Core.Tests.Intelligence.Prediction;

public sealed class PurchaseHistoryTests
{
    private static readonly DateOnly Day0 = new(2024, 1, 1);

    [Fact]
    public void Build_MergesSameDayOrdersAndSortsDays()
    {
        var builder = new PurchaseHistoryBuilder();
        builder.Add("b", Day0.AddDays(9), 5m);
        builder.Add("a", Day0.AddDays(3), 10m);
        builder.Add("a", Day0, 1m);
        builder.Add("a", Day0.AddDays(3), 2.5m);

        var history = builder.Build();

        Assert.Equal(2, history.Count);
        Assert.Equal(3, history.PurchaseDays);
        int a = history.IndexOf("a");
        Assert.Equal([Day0.DayNumber, Day0.AddDays(3).DayNumber], history.Days(a).ToArray());
        Assert.Equal([1m, 12.5m], history.Amounts(a).ToArray());
        Assert.Equal(-1, history.IndexOf("nobody"));
    }

    [Fact]
    public void SummariesAt_SameAsTheSummaryBuilder_OnTheCdnowSample()
    {
        var end = new DateOnly(1997, 9, 30);
        var builder = new PurchaseHistoryBuilder();
        var reference = new CustomerSummaryBuilder(new SummaryOptions { Multiplier = 7, ObservationEnd = end });
        foreach (var t in CdnowData.Sample())
        {
            builder.Add(t.CustomerId, t.Date, t.Amount);
            reference.Add(t.CustomerId, t.Date, t.Amount);
        }

        var view = new HistoryView(builder.Build(), EngagementHistory.Empty, end);
        var expected = reference.Build().ToDictionary(s => s.CustomerId);

        Assert.Equal(2_357, view.Customers.Length);
        Assert.All(view.Summaries(), s => Assert.Equal(expected[s.CustomerId], s));
    }

    [Fact]
    public void View_SeesNothingAfterItsDay()
    {
        var builder = new PurchaseHistoryBuilder();
        builder.Add("early", Day0, 1m);
        builder.Add("early", Day0.AddDays(20), 1m);
        builder.Add("late", Day0.AddDays(15), 1m);
        var history = builder.Build();

        var view = new HistoryView(history, EngagementHistory.Empty, Day0.AddDays(10));

        Assert.Equal(["early"], view.Customers.Select(c => history.Id(c)));
        Assert.Equal(1, view.Days(0).Length);
        Assert.Equal(10, view.DaysSinceLast(0));
        Assert.Equal(0, view.Summaries()[0].Frequency);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => view.Through(Day0.AddDays(11)));
        Assert.StartsWith("a view through 2024-01-11 cannot see 2024-01-12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BoughtSince_LabelsOnlyWhatTheLaterViewKnows()
    {
        var builder = new PurchaseHistoryBuilder();
        builder.Add("returns", Day0, 1m);
        builder.Add("returns", Day0.AddDays(8), 1m);
        builder.Add("returns-too-late", Day0, 1m);
        builder.Add("returns-too-late", Day0.AddDays(30), 1m);
        builder.Add("gone", Day0, 1m);
        var history = builder.Build();
        var later = new HistoryView(history, EngagementHistory.Empty, Day0.AddDays(10));
        var earlier = later.Through(Day0.AddDays(5));

        var labels = later.BoughtSince(earlier);

        Assert.Equal(["returns", "returns-too-late", "gone"], Enumerable.Range(0, earlier.Customers.Length).Select(earlier.Id));
        Assert.Equal([true, false, false], labels);
    }

    [Fact]
    public void Engagement_CountsDistinctDaysInTheWindow()
    {
        var builder = new PurchaseHistoryBuilder();
        builder.Add("a", Day0, 1m);
        var history = builder.Build();
        var engagement = EngagementHistory.From(
        [
            (0, EngagementSignal.Visit, Day0.AddDays(40)),
            (0, EngagementSignal.Visit, Day0.AddDays(40)),
            (0, EngagementSignal.Visit, Day0.AddDays(60)),
            (0, EngagementSignal.Visit, Day0.AddDays(101)),
            (0, EngagementSignal.EmailOpen, Day0.AddDays(95)),
        ]);
        var view = new HistoryView(history, engagement, Day0.AddDays(100));

        Assert.Equal(4, engagement.Count);
        // The last 30 days are (day 70, day 100]: nothing; the last 90 are (day 10, day 100]: days 40 and 60.
        Assert.Equal(0, view.EngagementDays(0, EngagementSignal.Visit, 30));
        Assert.Equal(2, view.EngagementDays(0, EngagementSignal.Visit, 90));
        Assert.Equal(1, view.EngagementDays(0, EngagementSignal.EmailOpen, 30));
        Assert.Equal(0, view.EngagementDays(0, EngagementSignal.Cart, 90));
    }

    [Theory]
    [InlineData("page", null, EngagementSignal.Visit)]
    [InlineData("screen", null, EngagementSignal.Visit)]
    [InlineData("track", "Product Viewed", EngagementSignal.ProductView)]
    [InlineData("track", "Checkout Started", EngagementSignal.Cart)]
    [InlineData("track", "Email Link Clicked", EngagementSignal.EmailClick)]
    [InlineData("track", "Order Completed", null)]
    [InlineData("identify", null, null)]
    public void Signals_OfStoredEvents(string type, string? name, EngagementSignal? expected)
    {
        Assert.Equal(expected, EngagementSignals.Of(type, name));
    }
}
