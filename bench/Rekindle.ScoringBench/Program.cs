using System.Diagnostics;
using System.Globalization;
using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Clv;
using Rekindle.Core.Intelligence.Prediction;
using Rekindle.Core.Intelligence.Rfm;
using Rekindle.Learning.Churn;
using Rekindle.Testing.Intelligence;

// Issue 3 item 8: the full scoring of a large population — RFM, then BG/NBD fit, Gamma-Gamma fit and every
// customer's P(alive), expected purchases and lifetime value — timed stage by stage, with the plain aggregation
// of the same transactions (one dictionary pass: the floor of any per-customer computation) as the reference.
// Issue 8: then the churn risk run — purchase history, backtest of BG/NBD, Pareto/NBD and boosted trees at
// as-of − 90 days, the choice, the refit and every customer's probability, rhythm and level — timed the same way.
if (args.Contains("--help"))
{
    Console.WriteLine("""
        Usage: dotnet run -c Release --project bench/Rekindle.ScoringBench -- [--customers N]

          --customers N   population size (default 1000000); purchases follow the BG/NBD story:
                          a purchase every 25 days on average while active (Gamma(1, 25) daily rate),
                          dropout after each purchase ~ Beta(1, 20), over two years (about 10 orders a
                          customer: 10.0 M for the default million), Gamma-Gamma amounts
        """);
    return 0;
}

var customers = args.Length == 2 && args[0] == "--customers" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var start = new DateOnly(2024, 1, 1);
const int Days = 730;
var end = start.AddDays(Days - 1);

Console.WriteLine($"Generating {customers:N0} customers over {Days} days ...");
var ids = new string[customers];
var owner = new List<int>(12_000_000);
var day = new List<ushort>(12_000_000);
var amount = new List<decimal>(12_000_000);
var index = new Dictionary<string, int>(customers, StringComparer.Ordinal);
// A purchase every 25 days on average while active (Gamma(1, 25) daily rates): with Beta(1, 20) dropout this gives
// the ten orders per customer over two years.
const double RateAlpha = 25.0;
new SyntheticPopulation(seed: 20261123).Generate(customers, start, Days, 1.0, RateAlpha, 1.0, 20.0, (6.0, 4.0, 15.0), (id, date, value) =>
{
    if (!index.TryGetValue(id, out var i))
    {
        i = index.Count;
        index[id] = i;
        ids[i] = id;
    }

    owner.Add(i);
    day.Add((ushort)(date.DayNumber - start.DayNumber));
    amount.Add(value);
});
index = null;
GC.Collect();
Console.WriteLine($"{owner.Count:N0} orders");

var timings = new List<(string Stage, TimeSpan Time)>();
// The scoring stages before the churn risk run; the churn stages are listed after them.
var total = Stopwatch.StartNew();
var watch = Stopwatch.StartNew();
void Stage(string name)
{
    timings.Add((name, watch.Elapsed));
    Console.WriteLine($"  {name,-44} {watch.Elapsed.TotalSeconds,7:F2} s");
    watch.Restart();
}

// RFM over the last 365 days, as the server feeds it (one aggregate per customer with orders in the window).
var now = new DateTimeOffset(end.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
var rfmInputs = new RfmInputBuilder(RfmWindow.Ending(now, RfmOptions.DefaultLookBack));
for (var t = 0; t < owner.Count; t++)
{
    rfmInputs.Add(ids[owner[t]], new DateTimeOffset(start.AddDays(day[t]).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), amount[t]);
}

var rfm = RfmScorer.Score(rfmInputs.Build(), now);
Stage($"RFM ({rfm.Customers:N0} customers in the window)");

var builder = new CustomerSummaryBuilder(new SummaryOptions { Multiplier = 7, ObservationEnd = end });
for (var t = 0; t < owner.Count; t++)
{
    builder.Add(ids[owner[t]], start.AddDays(day[t]), amount[t]);
}

var summaries = builder.Build();
Stage("summaries (frequency, recency, T in weeks)");
var fit = BgNbdModel.Fit(GroupedSummaries.From(summaries));
Stage($"BG/NBD fit (converged: {fit.Converged}, {fit.Evaluations} evaluations)");
var spendFit = GammaGammaModel.Fit(summaries);
Stage($"Gamma-Gamma fit (converged: {spendFit.Converged}, {spendFit.Evaluations} evaluations)");
var scores = CustomerScoring.Score(new BgNbdModel(fit.Parameters), new GammaGammaModel(spendFit.Parameters), summaries,
    new ScoringOptions(90 / 7.0, new ClvOptions(12, 365.25 / 12 / 7, 0.01)));
Stage($"P(alive), 90-day purchases, CLV ({scores.Length:N0} customers)");
var scoring = total.Elapsed;

// The churn risk run as the server's job runs it, from the same orders.
var churnWatch = Stopwatch.StartNew();
var history = new PurchaseHistoryBuilder();
for (var t = 0; t < owner.Count; t++)
{
    history.Add(ids[owner[t]], start.AddDays(day[t]), amount[t]);
}

var purchases = history.Build();
history = null;
Stage($"churn: purchase history ({purchases.PurchaseDays:N0} purchase days)");
var fits = new BtydFits();
var prediction = new ChurnPredictionOptions();
var selection = ChurnSelector.Run(new HistoryView(purchases, EngagementHistory.Empty, end), PurchaseModels.All(fits, prediction), fits, prediction,
    _ => null);
Stage($"churn: backtest, choice ({selection.Model}), refit, {selection.Predictions.Count:N0} predictions");
var churnRun = churnWatch.Elapsed;

// Reference: one pass aggregating count and sum per customer, nothing else.
watch.Restart();
var counts = new int[customers];
var sums = new decimal[customers];
for (var t = 0; t < owner.Count; t++)
{
    counts[owner[t]]++;
    sums[owner[t]] += amount[t];
}

var reference = watch.Elapsed;
Console.WriteLine();
Console.WriteLine("| measure | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| population | {customers:N0} customers, {owner.Count:N0} orders |");
Console.WriteLine($"| full scoring (RFM + summaries + BG/NBD fit + Gamma-Gamma fit + per-customer scores) | {scoring.TotalSeconds:F2} s |");
foreach (var (stage, time) in timings)
{
    Console.WriteLine($"| &nbsp;&nbsp;{stage} | {time.TotalSeconds:F2} s |");
}

Console.WriteLine($"| reference: one aggregation pass over the same orders | {reference.TotalSeconds:F2} s (ratio {scoring / reference:F0}×) |");
Console.WriteLine($"| **churn risk run** (history + backtest of 3 models + choice + refit + levels) | {churnRun.TotalSeconds:F2} s (ratio {churnRun / reference:F0}×) |");
foreach (var r in selection.Backtest.Results)
{
    Console.WriteLine($"| &nbsp;&nbsp;backtest {r.Model} | AUC {r.Auc:F3}, Brier {r.Brier:F3} {r.Unavailable} |");
}

Console.WriteLine($"| &nbsp;&nbsp;chosen | {selection.Reason} |");
Console.WriteLine($"| BG/NBD parameters (simulated 1, {RateAlpha / 7:F3} per week, 1, 20) | r {fit.Parameters.R:F3}, α {fit.Parameters.Alpha:F3}, a {fit.Parameters.A:F3}, b {fit.Parameters.B:F3} |");
Console.WriteLine($"| peak working set (generated orders included) | {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0:N0} MB |");
return counts.Sum() == owner.Count ? 0 : 1;
