using System.Text.Json;
using Rekindle.Core.Events;
using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Clv;
using Rekindle.Engine.Common;
using Rekindle.Storage.Database;
using Rekindle.Storage.Events;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Scores;
using Rekindle.Storage.Settings;

namespace Rekindle.Engine.Intelligence;

/// <summary>The fitted models of one churn run, as the analytics API shows them.</summary>
public sealed record ChurnRunSummary(
    DateTimeOffset AsOf, DateTimeOffset ComputedAt, string Model, IReadOnlyDictionary<string, double> Parameters,
    double LogLikelihood, bool Converged, string? Failure, int Customers, int Changes,
    IReadOnlyDictionary<string, int> RiskLevels, IReadOnlyDictionary<string, double>? SpendParameters, bool NeedsMoreData = false);

/// <summary>
/// The churn and lifetime-value batch job: every order up to the scoring date → per-customer summaries
/// (repeat purchases, recency, age in weeks) → the repeat-purchase model fitted by maximum likelihood →
/// P(alive), expected purchases in 90 days, risk level; Gamma-Gamma → expected order value and CLV.
/// A fit that does not converge changes nothing: the previous scores stay and the run says why.
/// Contacts whose risk level changes get a "Churn Risk Changed" event through the event path.
/// </summary>
public sealed class ChurnScoring(RekindleDatabase database, SettingsStore settings, GroupCommitWriter writer, EngineSignals signals,
    IntelligenceOptions options)
{
    public const string EventName = "Churn Risk Changed";
    private const string SummaryKey = "churn_last_run";
    private const double DaysPerWeek = 7;
    private const int ChunkSize = 2_000;

    public async Task<ChurnRunSummary> RunAsync(DateTimeOffset asOf, DateTimeOffset now, CancellationToken ct)
    {
        // Weeks, as the BTYD literature (and CDNOW's published parameters) count time.
        var builder = new CustomerSummaryBuilder(new SummaryOptions
        {
            Period = SummaryPeriod.Day,
            Multiplier = DaysPerWeek,
            ObservationEnd = DateOnly.FromDateTime(asOf.UtcDateTime),
        });
        await foreach (var (contactId, at, amount) in ChurnScores.OrdersAsync(database, asOf, ct))
        {
            builder.Add(contactId, at, amount);
        }

        var summaries = builder.Build();
        if (!summaries.Any(s => s.Frequency > 0))
        {
            // Without a single repeat purchase the likelihood has no maximum inside the parameter space: any
            // "fit" is an artefact of where the optimiser stopped, so none is made.
            return new ChurnRunSummary(asOf, now, options.ChurnModel == ChurnModelKind.ParetoNbd ? "pareto-nbd" : "bg-nbd",
                new Dictionary<string, double>(), 0, false,
                $"none of the {summaries.Count:N0} customers with orders up to {asOf:yyyy-MM-dd} bought twice; the model needs repeat buyers",
                summaries.Count, 0, new Dictionary<string, int>(), null, NeedsMoreData: true);
        }

        var fit = RepeatPurchaseFit.Fit(GroupedSummaries.From(summaries), options.ChurnModel == ChurnModelKind.ParetoNbd);
        if (!fit.Converged)
        {
            return new ChurnRunSummary(asOf, now, fit.Name, fit.Parameters, fit.LogLikelihood, false, fit.Failure, summaries.Count, 0,
                new Dictionary<string, int>(), null);
        }

        var spendFit = summaries.Any(s => s.Frequency > 0 && s.MonetaryValue > 0) ? GammaGammaModel.Fit(summaries) : null;
        var spend = spendFit is { Converged: true } ? new GammaGammaModel(spendFit.Parameters) : null;
        var scoring = new ScoringOptions(
            Horizon: 90 / DaysPerWeek,
            Clv: new ClvOptions(options.ClvMonths, StepLength: 365.25 / 12 / DaysPerWeek, DiscountRatePerStep: options.ClvMonthlyDiscountRate),
            Risk: new ChurnRiskThresholds(options.ChurnHighBelow, options.ChurnMediumBelow));
        var scores = CustomerScoring.Score(fit.Model, spend, summaries, scoring);

        var previous = await ChurnScores.RisksAsync(database, ct);
        var changes = scores.Where(s => previous.GetValueOrDefault(s.CustomerId) != ChurnScores.RiskName(s.Risk)).ToList();
        foreach (var chunk in scores.Chunk(ChunkSize))
        {
            await writer.WriteAsync([.. ChurnScores.Upsert(chunk, now)], ct);
        }

        await ContactAddresses.SendAsync(database, writer, signals, changes, c => c.CustomerId,
            (c, address) => ChangeEvent(c, previous.GetValueOrDefault(c.CustomerId), address, asOf, now), ct);
        var summary = new ChurnRunSummary(asOf, now, fit.Name, fit.Parameters, fit.LogLikelihood, true, null, scores.Length, changes.Count,
            scores.GroupBy(s => ChurnScores.RiskName(s.Risk)).ToDictionary(g => g.Key, g => g.Count()),
            spend is null ? null : new Dictionary<string, double> { ["p"] = spend.Parameters.P, ["q"] = spend.Parameters.Q, ["v"] = spend.Parameters.V });
        await settings.SetAsync(SummaryKey, JsonSerializer.Serialize(summary, RfmScoring.Json), ct);
        return summary;
    }

    public async Task<ChurnRunSummary?> LastRunAsync(CancellationToken ct) =>
        await settings.GetAsync(SummaryKey, ct) is { } json ? JsonSerializer.Deserialize<ChurnRunSummary>(json, RfmScoring.Json) : null;

    private static EventMessage ChangeEvent(CustomerScore score, string? from, (string Kind, string Value) address,
        DateTimeOffset asOf, DateTimeOffset now) =>
        ContactAddresses.Track(address, "churn", EventName, $"churn:{score.CustomerId}:{asOf.ToUnixTimeMilliseconds()}", now,
            JsonSerializer.Serialize(new
            {
                from,
                to = ChurnScores.RiskName(score.Risk),
                p_alive = score.ProbabilityAlive,
                expected_purchases_90d = score.ExpectedPurchases,
            }));
}
