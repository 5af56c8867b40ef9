using System.Text.Json;
using Rekindle.Core.Events;
using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Clv;
using Rekindle.Core.Intelligence.Prediction;
using Rekindle.Engine.Common;
using Rekindle.Storage.Database;
using Rekindle.Storage.GroupCommit;
using Rekindle.Storage.Scores;
using Rekindle.Storage.Settings;

namespace Rekindle.Engine.Intelligence;

/// <summary>The fitted models of one churn run, as the analytics API shows them.</summary>
/// <param name="Model">The BTYD model behind P(alive), the 90-day expectation and lifetime value (<c>Intelligence:ChurnModel</c>).</param>
/// <param name="Converged">Whether that model's fit converged; risk levels are set either way.</param>
/// <param name="Risk">How the risk levels were decided: the backtest, the chosen model and why.</param>
public sealed record ChurnRunSummary(
    DateTimeOffset AsOf, DateTimeOffset ComputedAt, string Model, IReadOnlyDictionary<string, double> Parameters,
    double LogLikelihood, bool Converged, string? Failure, int Customers, int Changes,
    IReadOnlyDictionary<string, int> RiskLevels, IReadOnlyDictionary<string, double>? SpendParameters, bool NeedsMoreData = false,
    ChurnRiskDecision? Risk = null);

/// <summary>The risk side of a run: what the backtest measured and what it chose.</summary>
public sealed record ChurnRiskDecision(
    int HorizonDays, string Model, string Reason, bool Fallback, double? BaseRate, double? HighBelow, double? MediumBelow,
    ChurnBacktest Backtest, IReadOnlyList<FeatureShare> Importance, IReadOnlyList<double> CalibrationRates,
    IReadOnlyDictionary<string, double> Parameters)
{
    public static ChurnRiskDecision From(ChurnSelection s) => new(
        s.HorizonDays, s.Model, s.Reason, s.Fallback, s.BaseRate, s.Bands?.HighBelow, s.Bands?.MediumBelow, s.Backtest,
        s.Importance, s.CalibrationRates, s.Parameters);
}

/// <summary>
/// The churn and lifetime-value batch job. Every order up to the scoring date becomes a purchase history; the
/// risk side backtests BG/NBD, Pareto/NBD and boosted trees on the shop's own past (<see cref="ChurnSelector"/>) and
/// sets every customer's risk from the probability of buying within H by the model that ranked best; the value side
/// fits the configured BTYD model and Gamma-Gamma for P(alive), expected purchases in 90 days, expected order value
/// and CLV. A BTYD fit that does not converge keeps the previous four (empty for a new contact); risk is set
/// either way. Contacts whose risk level changes get a "Churn Risk Changed" event through the event path.
/// </summary>
public sealed class ChurnScoring(RekindleDatabase database, SettingsStore settings, GroupCommitWriter writer, EngineSignals signals,
    IntelligenceOptions options)
{
    public const string EventName = "Churn Risk Changed";
    private const string SummaryKey = "churn_last_run";
    private const double DaysPerWeek = 7;
    private const int ChunkSize = 2_000;
    private const int EngagementWindowDays = 90;
    private readonly ChurnPredictionOptions prediction = options.ChurnPrediction();

    public async Task<ChurnRunSummary> RunAsync(DateTimeOffset asOf, DateTimeOffset now, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(asOf.UtcDateTime);
        var builder = new PurchaseHistoryBuilder();
        await foreach (var (contactId, at, amount) in ChurnScores.OrdersAsync(database, asOf, ct))
        {
            builder.Add(contactId, at, amount);
        }

        var history = builder.Build();
        string btydName = options.ChurnModel == ChurnModelKind.ParetoNbd ? "pareto-nbd" : "bg-nbd";
        if (history.Count == 0)
        {
            return new ChurnRunSummary(asOf, now, btydName, new Dictionary<string, double>(), 0, false,
                $"there are no orders up to {asOf:yyyy-MM-dd}", 0, 0, new Dictionary<string, int>(), null, NeedsMoreData: true);
        }

        var engagement = await EngagementAsync(history, asOf, ct);
        var fits = new BtydFits();
        var previous = await ChurnScores.RisksAsync(database, ct);
        var view = new HistoryView(history, engagement, day);
        var selection = ChurnSelector.Run(view, ChurnCandidates.Create(fits, options, prediction), fits, prediction,
            id => ChurnScores.ParseRisk(previous.GetValueOrDefault(id)));
        var fit = fits.Get(view, options.ChurnModel == ChurnModelKind.ParetoNbd);
        var (values, spend) = Values(fit, view.Summaries());
        var rows = new ChurnRow[selection.Predictions.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            var p = selection.Predictions[i];
            var v = values?[i];
            if (v is not null && v.CustomerId != p.CustomerId)
            {
                throw new InvalidOperationException("the value scores and the risk predictions are not in the same customer order");
            }

            rows[i] = new ChurnRow(p.CustomerId, v?.ProbabilityAlive, p.Risk, v?.ExpectedPurchases, v?.ExpectedOrderValue, v?.LifetimeValue,
                p.Probability, selection.HorizonDays, p.ExpectedPurchases, p.Rhythm?.NextPurchaseExpected, p.Rhythm?.Overdue, selection.Model);
        }

        var changes = rows.Where(r => previous.GetValueOrDefault(r.ContactId) != ChurnScores.RiskName(r.Risk)).ToList();
        foreach (var chunk in rows.Chunk(ChunkSize))
        {
            await writer.WriteAsync([.. ChurnScores.Upsert(chunk, now, keepValues: values is null)], ct);
        }

        await ContactAddresses.SendAsync(database, writer, signals, changes, c => c.ContactId,
            (c, address) => ChangeEvent(c, previous.GetValueOrDefault(c.ContactId), address, asOf, now), ct);
        var summary = new ChurnRunSummary(asOf, now, fit?.Name ?? btydName, fit?.Parameters ?? new Dictionary<string, double>(),
            fit?.LogLikelihood ?? 0, fit?.Converged ?? false,
            fit is null ? $"none of the {history.Count:N0} customers with orders up to {asOf:yyyy-MM-dd} bought twice; the model needs repeat buyers" : fit.Failure,
            rows.Length, changes.Count,
            rows.GroupBy(r => ChurnScores.RiskName(r.Risk)).ToDictionary(g => g.Key, g => g.Count()),
            spend is null ? null : new Dictionary<string, double> { ["p"] = spend.Parameters.P, ["q"] = spend.Parameters.Q, ["v"] = spend.Parameters.V },
            NeedsMoreData: fit is null, ChurnRiskDecision.From(selection));
        await settings.SetAsync(SummaryKey, JsonSerializer.Serialize(summary, RfmScoring.Json), ct);
        return summary;
    }

    public async Task<ChurnRunSummary?> LastRunAsync(CancellationToken ct) =>
        await settings.GetAsync(SummaryKey, ct) is { } json ? JsonSerializer.Deserialize<ChurnRunSummary>(json, RfmScoring.Json) : null;

    /// <summary>P(alive), the 90-day expectation, expected order value and CLV, when the BTYD fit converged.</summary>
    private (CustomerScore[]? Scores, GammaGammaModel? Spend) Values(RepeatPurchaseFit? fit, IReadOnlyList<CustomerSummary> summaries)
    {
        if (fit is not { Converged: true })
        {
            return (null, null);
        }

        var spendFit = summaries.Any(s => s.Frequency > 0 && s.MonetaryValue > 0) ? GammaGammaModel.Fit(summaries) : null;
        var spend = spendFit is { Converged: true } ? new GammaGammaModel(spendFit.Parameters) : null;
        var scoring = new ScoringOptions(
            Horizon: 90 / DaysPerWeek,
            Clv: new ClvOptions(options.ClvMonths, StepLength: 365.25 / 12 / DaysPerWeek, DiscountRatePerStep: options.ClvMonthlyDiscountRate));
        return (CustomerScoring.Score(fit.Model, spend, summaries, scoring), spend);
    }

    /// <summary>
    /// Visits, product views, carts, opens and clicks of the customers with orders, from the earliest day a feature
    /// window can reach: the learnt model trains at as-of − 2H and looks 90 days back from there.
    /// </summary>
    private async Task<EngagementHistory> EngagementAsync(PurchaseHistory history, DateTimeOffset asOf, CancellationToken ct)
    {
        var from = asOf.AddDays(-(2 * prediction.HorizonDays + EngagementWindowDays + 1));
        var entries = new List<(int, EngagementSignal, DateOnly)>();
        await foreach (var (contactId, type, eventName, at) in ChurnScores.EngagementAsync(database, from, asOf, ct))
        {
            int customer = history.IndexOf(contactId);
            if (customer >= 0 && EngagementSignals.Of(type, eventName) is { } signal)
            {
                entries.Add((customer, signal, DateOnly.FromDateTime(at.UtcDateTime)));
            }
        }

        return EngagementHistory.From(entries);
    }

    private static EventMessage ChangeEvent(ChurnRow row, string? from, (string Kind, string Value) address,
        DateTimeOffset asOf, DateTimeOffset now) =>
        ContactAddresses.Track(address, "churn", EventName, $"churn:{row.ContactId}:{asOf.ToUnixTimeMilliseconds()}", now,
            JsonSerializer.Serialize(new
            {
                from,
                to = ChurnScores.RiskName(row.Risk),
                purchase_probability = row.PurchaseProbability,
                horizon_days = row.HorizonDays,
                overdue = row.Overdue,
                model = row.Model,
                p_alive = row.PAlive,
                expected_purchases_90d = row.ExpectedPurchases90d,
            }));
}
