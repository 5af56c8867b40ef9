using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Tests.Intelligence.Churn;

/// <summary>The asserted examples of EXPECTED.md §5 (lifetimes tests/test_utils.py) and rules around them.</summary>
public class CustomerSummaryBuilderTests
{
    private static readonly DateOnly ObservationEnd = new(2015, 2, 7);

    [Fact]
    public void Build_DailyPeriods_GivesFrequencyRecencyAndAge()
    {
        var summaries = Build(new SummaryOptions { ObservationEnd = ObservationEnd },
            ("1", "2015-02-01", 0m), ("1", "2015-02-06", 0m), ("2", "2015-01-01", 0m),
            ("3", "2015-01-01", 0m), ("3", "2015-01-02", 0m), ("3", "2015-01-05", 0m));

        AssertSummary(summaries["1"], 1, 5, 6);
        AssertSummary(summaries["2"], 0, 0, 37);
        AssertSummary(summaries["3"], 2, 4, 37);
    }

    [Fact]
    public void Build_WeeklyPeriods_CollapsesEachMondayToSundayWeek()
    {
        var summaries = Build(new SummaryOptions { ObservationEnd = ObservationEnd, Period = SummaryPeriod.Week },
            LargeTransactionLevelData(withValues: false));

        AssertSummary(summaries["1"], 1, 5, 5);
        AssertSummary(summaries["2"], 0, 0, 5);
        AssertSummary(summaries["3"], 1, 1, 5);
        AssertSummary(summaries["4"], 1, 3, 3);
        AssertSummary(summaries["5"], 0, 0, 3);
        AssertSummary(summaries["6"], 0, 0, 0);
    }

    [Fact]
    public void Build_WithAmounts_MonetaryValueIsTheMeanOfTheRepeatPeriods()
    {
        var summaries = Build(new SummaryOptions { ObservationEnd = ObservationEnd }, LargeTransactionLevelData(withValues: true));

        AssertSummary(summaries["1"], 1, 36, 37, 2m);
        AssertSummary(summaries["2"], 0, 0, 37, 0m);
        AssertSummary(summaries["3"], 2, 4, 37, 3m);
        AssertSummary(summaries["4"], 2, 20, 22, 3m);
        AssertSummary(summaries["5"], 2, 2, 22, 4.5m);
        AssertSummary(summaries["6"], 0, 0, 5, 0m);
    }

    [Theory]
    [InlineData(0, 1, 2)]
    [InlineData(1, 0, 2)]
    [InlineData(2, 1, 0)]
    public void Build_UnorderedInput_DropsTheEarliestPurchaseFromTheMonetaryValue(int first, int second, int third)
    {
        var rows = new[] { ("2", "2014-03-14", 10m), ("2", "2014-04-09", 20m), ("2", "2014-05-21", 25m) };

        var summaries = Build(new SummaryOptions(), rows[first], rows[second], rows[third]);

        Assert.Equal(22.5m, summaries["2"].MonetaryValue);
        AssertSummary(summaries["2"], 2, 68, 68, 22.5m);
    }

    [Fact]
    public void Build_TwoTransactionsOnOneDayWithWeeklyPeriods_IsOnePurchase()
    {
        var summaries = Build(new SummaryOptions { Period = SummaryPeriod.Week }, ("1", "2015-01-01", 0m), ("1", "2015-01-01", 0m));

        Assert.Equal(0, summaries["1"].Frequency);
    }

    [Fact]
    public void Build_SamePeriodTransactions_AreSummedIntoOnePurchase()
    {
        var summaries = Build(new SummaryOptions(),
            ("1", "2015-01-01", 5m), ("1", "2015-01-03", 2m), ("1", "2015-01-03", 4m), ("1", "2015-01-01", 1m));

        AssertSummary(summaries["1"], 1, 2, 2, 6m);
    }

    [Fact]
    public void Add_AfterTheObservationEnd_IsIgnoredAndCounted()
    {
        var builder = new CustomerSummaryBuilder(new SummaryOptions { ObservationEnd = ObservationEnd });

        builder.Add("1", new DateOnly(2015, 2, 1), 1m);
        builder.Add("1", new DateOnly(2015, 2, 8), 1m);
        builder.Add("2", new DateOnly(2015, 3, 1), 1m);

        Assert.Equal(1, builder.TransactionCount);
        Assert.Equal(2, builder.IgnoredAfterEnd);
        var only = Assert.Single(builder.Build());
        Assert.Equal(new CustomerSummary("1", 0, 0, 6, 0m), only);
    }

    [Fact]
    public void Add_DateTimeOffset_UsesTheClockDateOfItsOwnOffset()
    {
        var builder = new CustomerSummaryBuilder(new SummaryOptions { ObservationEnd = new DateOnly(2015, 1, 10) });

        // 23:30 at −05:00 is already the next day in UTC; the purchase belongs to the shop's local day.
        builder.Add("1", new DateTimeOffset(2015, 1, 1, 23, 30, 0, TimeSpan.FromHours(-5)), 1m);

        Assert.Equal(9, builder.Build()[0].T);
    }

    [Fact]
    public void Build_Multiplier_DividesRecencyAndAge()
    {
        var summaries = Build(new SummaryOptions { Multiplier = 7, ObservationEnd = new DateOnly(2015, 1, 29) },
            ("1", "2015-01-01", 0m), ("1", "2015-01-15", 0m));

        AssertSummary(summaries["1"], 1, 2, 4);
    }

    [Fact]
    public void Constructor_NonPositiveMultiplier_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummaryBuilder(new SummaryOptions { Multiplier = 0 }));
    }

    private static (string, string, decimal)[] LargeTransactionLevelData(bool withValues)
    {
        (string, string, decimal)[] rows =
        [
            ("1", "2015-01-01", 1), ("1", "2015-02-06", 2), ("2", "2015-01-01", 2), ("3", "2015-01-01", 3),
            ("3", "2015-01-02", 1), ("3", "2015-01-05", 5), ("4", "2015-01-16", 6), ("4", "2015-02-02", 3),
            ("4", "2015-02-05", 3), ("5", "2015-01-16", 3), ("5", "2015-01-17", 1), ("5", "2015-01-18", 8),
            ("6", "2015-02-02", 5),
        ];
        return withValues ? rows : rows.Select(r => (r.Item1, r.Item2, 0m)).ToArray();
    }

    private static Dictionary<string, CustomerSummary> Build(SummaryOptions options, params (string Id, string Date, decimal Amount)[] rows)
    {
        var builder = new CustomerSummaryBuilder(options);
        foreach (var (id, date, amount) in rows)
        {
            builder.Add(id, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), amount);
        }

        return builder.Build().ToDictionary(s => s.CustomerId);
    }

    private static void AssertSummary(CustomerSummary summary, double frequency, double recency, double t, decimal? monetary = null)
    {
        Assert.Equal(frequency, summary.Frequency);
        Assert.Equal(recency, summary.Recency);
        Assert.Equal(t, summary.T);
        if (monetary is { } value)
        {
            Assert.Equal(value, summary.MonetaryValue);
        }
    }
}
