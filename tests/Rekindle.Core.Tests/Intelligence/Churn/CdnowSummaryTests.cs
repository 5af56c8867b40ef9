using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Tests.Intelligence.Churn;

/// <summary>Summaries built from the raw CDNOW transaction files (EXPECTED.md §5, SOURCE.md).</summary>
public class CdnowSummaryTests
{
    private static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    [Fact]
    public void Build_CdnowSampleCalibration_ReturnsTheMonetaryStatisticsOfLifetimesTest()
    {
        var returning = CalibrationSummaries(CdnowData.Sample())
            .Where(s => s.Frequency > 0)
            .Select(s => (double)s.MonetaryValue)
            .Order()
            .ToArray();

        // lifetimes: describe() of monetary_value over frequency > 0, each rounded (np.round, half to even).
        Assert.Equal(946, returning.Length);
        double mean = returning.Average();
        double std = Math.Sqrt(returning.Sum(v => (v - mean) * (v - mean)) / (returning.Length - 1));
        double median = (returning[(returning.Length / 2) - 1] + returning[returning.Length / 2]) / 2;
        Assert.Equal(35, Math.Round(mean));
        Assert.Equal(30, Math.Round(std));
        Assert.Equal(3, Math.Round(returning[0]));
        Assert.Equal(27, Math.Round(median));
        Assert.Equal(300, Math.Round(returning[^1]));
    }

    [Fact]
    public void Build_CdnowSampleCalibrationInWeeks_ReproducesBothPublishedSummaryFiles()
    {
        var built = CalibrationSummaries(CdnowData.Sample()).ToDictionary(s => int.Parse(s.CustomerId, System.Globalization.CultureInfo.InvariantCulture));
        var published = CdnowData.SummaryWithTransactions();
        var hardie = CdnowData.Summary().ToDictionary(r => r.Id);

        // SOURCE.md: the files hold the values rounded half-up to 2 decimals.
        Assert.Equal(2357, built.Count);
        Assert.Equal(2357, published.Count);
        foreach (var row in published)
        {
            var summary = built[row.Id];
            Assert.Equal(row.Frequency, summary.Frequency);
            Assert.Equal(row.Recency, HalfUp(summary.Recency), 10);
            Assert.Equal(row.T, HalfUp(summary.T), 10);
            Assert.Equal(row.MonetaryValue, decimal.Round(summary.MonetaryValue, 2, MidpointRounding.AwayFromZero));
            Assert.Equal(hardie[row.Id].Frequency, summary.Frequency);
            Assert.Equal(hardie[row.Id].Recency, HalfUp(summary.Recency), 10);
            Assert.Equal(hardie[row.Id].T, HalfUp(summary.T), 10);
        }
    }

    [Fact]
    public void Build_CdnowSampleInAnyOrder_GivesTheSameSummaries()
    {
        var ordered = CalibrationSummaries(CdnowData.Sample()).OrderBy(s => s.CustomerId, StringComparer.Ordinal);
        var shuffled = CdnowData.Sample().ToArray();
        new Random(7).Shuffle(shuffled);

        Assert.Equal(ordered, CalibrationSummaries(shuffled).OrderBy(s => s.CustomerId, StringComparer.Ordinal));
    }

    [Fact]
    public void Build_CdnowMaster_CountsItsRowsAndCustomersAndContainsTheSample()
    {
        // SOURCE.md: 69,659 rows, 23,570 customers, 1997-01-01 .. 1998-06-30; the sample is a 1/10 cohort of it.
        var builder = new CustomerSummaryBuilder(new SummaryOptions { Multiplier = 7 });
        foreach (var t in CdnowData.Master())
        {
            builder.Add(t.CustomerId, t.Date, t.Amount);
        }

        var master = builder.Build().ToDictionary(s => s.CustomerId);
        Assert.Equal(69_659, builder.TransactionCount);
        Assert.Equal(23_570, master.Count);

        var sampleBuilder = new CustomerSummaryBuilder(new SummaryOptions { Multiplier = 7, ObservationEnd = new DateOnly(1998, 6, 30) });
        foreach (var t in CdnowData.SampleByMasterId())
        {
            sampleBuilder.Add(t.CustomerId, t.Date, t.Amount);
        }

        var sample = sampleBuilder.Build();
        Assert.Equal(2357, sample.Count);
        Assert.All(sample, s => Assert.Equal(master[s.CustomerId], s));
    }

    private static IReadOnlyList<CustomerSummary> CalibrationSummaries(IEnumerable<CdnowData.Transaction> transactions)
    {
        var builder = new CustomerSummaryBuilder(new SummaryOptions { Multiplier = 7, ObservationEnd = CalibrationEnd });
        foreach (var t in transactions)
        {
            builder.Add(t.CustomerId, t.Date, t.Amount);
        }

        return builder.Build();
    }

    private static double HalfUp(double value) =>
        (double)decimal.Round((decimal)value, 2, MidpointRounding.AwayFromZero);
}
