using System.Globalization;
using System.Text;
using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Prediction;
using Rekindle.Learning.Churn;

namespace Rekindle.Cli.ModelReport;

/// <summary>
/// The second half of the model report: the backtest the server runs on every scoring run, on the file's own
/// history — every model fitted at the calibration end and judged on who bought by the holdout end, beside the
/// recency-only and frequency-only baselines — and the model it would choose for churn risk.
/// </summary>
internal static class BacktestSection
{
    public static ChurnSelection Run(IReadOnlyList<Transaction> transactions, DateOnly calibrationEnd, DateOnly holdoutEnd)
    {
        var builder = new PurchaseHistoryBuilder();
        foreach (var t in transactions)
        {
            builder.Add(t.CustomerId, t.Date, t.Amount);
        }

        var options = new ChurnPredictionOptions { HorizonDays = holdoutEnd.DayNumber - calibrationEnd.DayNumber };
        var fits = new BtydFits();
        return ChurnSelector.Run(new HistoryView(builder.Build(), EngagementHistory.Empty, holdoutEnd), PurchaseModels.All(fits, options), fits,
            options, _ => null);
    }

    public static string Format(ChurnSelection s)
    {
        var b = s.Backtest;
        var text = new StringBuilder().AppendLine().Append(CultureInfo.InvariantCulture,
            $"Backtest: fitted on what was known at {b.Cutoff:yyyy-MM-dd}, judged on who bought by {b.AsOf:yyyy-MM-dd} ({b.Customers:N0} customers, {b.Buyers:N0} bought: {b.BaseRate:P1})")
            .AppendLine()
            .AppendLine("  model                          AUC    Brier");
        foreach (var r in b.Results.OrderBy(r => r.Baseline).ThenByDescending(r => r.Auc ?? -1))
        {
            string label = r.Model + (r.Baseline ? " (baseline)" : r.Model == s.Model ? " (chosen)" : "");
            text.Append(CultureInfo.InvariantCulture, $"  {label,-27}{Figure(r.Auc),8}{Figure(r.Brier),9}");
            if (r.Unavailable is not null)
            {
                text.Append("   not tried: ").Append(r.Unavailable);
            }
            else if (r.Note is not null)
            {
                text.Append("   ").Append(r.Note);
            }

            text.AppendLine();
        }

        text.Append(s.Fallback ? "  No model chosen: " : "  Chosen: ").AppendLine(s.Reason);
        if (b.Results.FirstOrDefault(r => r.Model == s.Model) is { Calibration.Count: > 0 } chosen)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Calibration of {chosen.Model}, by tenth of customers (predicted → bought):");
            text.Append("   ").AppendJoin("  ", chosen.Calibration.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{c.Decile}: {c.MeanPredicted:F3} → {c.ActualShare:F3}"))).AppendLine();
        }

        // The learnt model's features are worth seeing whether or not it was chosen.
        if (b.Results.FirstOrDefault(r => r.Importance.Count > 0) is { } learnt)
        {
            text.Append(CultureInfo.InvariantCulture, $"  Features that matter most to {learnt.Model} (share of the trees' gain): ")
                .AppendJoin(", ", learnt.Importance.Take(8).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Feature} {i.Share:P0}"))).AppendLine();
        }

        return text.ToString().TrimEnd();
    }

    private static string Figure(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "—";
}
