using System.Globalization;
using Rekindle.Core.Intelligence.Prediction;

namespace Rekindle.Learning.Tests.Churn;

/// <summary>Simulated shops with a known story, for properties the real data sets cannot show.</summary>
internal static class GeneratedShops
{
    public static readonly DateOnly Start = new(2023, 1, 1);

    /// <summary>
    /// Two years of a shop: 2,000 customers who buy at random about once a year and stay, and 1,000 who start at any
    /// time and buy about weekly until they leave (after 120 days on average), so that at any day some weekly buyers
    /// are active, some have just left and some left long ago — plus two named customers: "weekly", who bought every
    /// week from day 400 to day 699 and has been silent for a month, and "yearly", who bought on days 244 and 609
    /// and has been silent for four months. The as-of day is day 729.
    /// </summary>
    public static PurchaseHistory Rhythms()
    {
        var random = new Random(20261206);
        var builder = new PurchaseHistoryBuilder();
        for (int i = 0; i < 2_000; i++)
        {
            Poisson(builder, random, $"y{i}", first: random.Next(0, 365), meanGap: 365, end: 729);
        }

        for (int i = 0; i < 1_000; i++)
        {
            int first = random.Next(0, 700);
            Poisson(builder, random, $"w{i}", first, meanGap: 7, end: Math.Min(729, first + (int)Exponential(random, 120)));
        }

        for (int day = 400; day <= 699; day += 7)
        {
            builder.Add("weekly", Start.AddDays(day), 20m);
        }

        builder.Add("yearly", Start.AddDays(244), 60m);
        builder.Add("yearly", Start.AddDays(609), 60m);
        return builder.Build();
    }

    /// <summary>
    /// 18 months of a shop whose returners visit before they buy: 4,000 customers, each buying at most once in each
    /// 90-day block after their first purchase with their own chance (Beta(2, 2) distributed, so the history says
    /// who buys often but not when), 80 % of purchases preceded by a visit 5 to 40 days before, and visits now and
    /// then with no purchase behind them (one a year on average).
    /// </summary>
    public static (PurchaseHistory Purchases, EngagementHistory Engagement) VisitsBeforePurchases(int days = 540)
    {
        var random = new Random(6122026);
        var purchases = new List<(string Id, int Day)>();
        var visits = new List<(string Id, int Day)>();
        for (int i = 0; i < 4_000; i++)
        {
            string id = "c" + i.ToString(CultureInfo.InvariantCulture);
            double chance = Beta22(random);
            int first = random.Next(0, 180);
            purchases.Add((id, first));
            for (int block = first + 1; block < days; block += 90)
            {
                if (random.NextDouble() >= chance)
                {
                    continue;
                }

                int day = block + random.Next(0, 90);
                if (day >= days)
                {
                    break;
                }

                purchases.Add((id, day));
                if (random.NextDouble() < 0.8)
                {
                    visits.Add((id, day - random.Next(5, 41)));
                }
            }

            for (double v = Exponential(random, 365); v < days; v += Exponential(random, 365))
            {
                visits.Add((id, (int)v));
            }
        }

        var builder = new PurchaseHistoryBuilder();
        foreach (var (id, day) in purchases)
        {
            builder.Add(id, Start.AddDays(day), 30m);
        }

        var history = builder.Build();
        var engagement = EngagementHistory.From(visits
            .Where(v => v.Day >= 0)
            .Select(v => (history.IndexOf(v.Id), EngagementSignal.Visit, Start.AddDays(v.Day))));
        return (history, engagement);
    }

    // The median of three uniforms is Beta(2, 2).
    private static double Beta22(Random random)
    {
        double a = random.NextDouble(), b = random.NextDouble(), c = random.NextDouble();
        return Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
    }

    private static void Poisson(PurchaseHistoryBuilder builder, Random random, string id, int first, double meanGap, int end)
    {
        builder.Add(id, Start.AddDays(first), 25m);
        for (double t = first + Exponential(random, meanGap); t <= end; t += Exponential(random, meanGap))
        {
            builder.Add(id, Start.AddDays((int)t), 25m);
        }
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

}
