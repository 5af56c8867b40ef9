namespace Rekindle.Core.Intelligence.Churn;

/// <summary>One transaction of a customer: who, which day, how much.</summary>
public readonly record struct Transaction(string CustomerId, DateOnly Date, decimal Amount);

/// <summary>One row of the calibration-versus-holdout table: customers with the same calibration repeat purchases.</summary>
/// <param name="Label">"0" … "6", or "7+".</param>
/// <param name="Customers">How many customers made that many repeat purchases in the calibration period.</param>
/// <param name="ActualMean">Their mean number of purchases (distinct purchase days) in the holdout period.</param>
/// <param name="PredictedMean">The model's mean conditional expectation of purchases in the holdout period.</param>
public sealed record HoldoutGroup(string Label, int Customers, double ActualMean, double PredictedMean);

/// <summary>The fit on the calibration period and how well it predicts the holdout period.</summary>
public sealed record CalibrationHoldoutReport(
    string Model, IReadOnlyDictionary<string, double> Parameters, double LogLikelihood, bool Converged, string? Failure,
    DateOnly CalibrationStart, DateOnly CalibrationEnd, DateOnly HoldoutEnd, double HoldoutWeeks,
    int Customers, IReadOnlyList<HoldoutGroup> Groups, double ActualTotal, double PredictedTotal);

/// <summary>
/// The check the BTYD literature uses to show a model can be trusted (Fader, Hardie &amp; Lee 2005): fit on the
/// calibration period, then compare, per group of calibration repeat purchases (0, 1, … 6, 7+), the actual and
/// the predicted mean number of purchases in the holdout period. Customers are those whose first purchase falls
/// in the calibration period; purchases on the same day count once (as in the calibration summaries); time is in
/// weeks.
/// </summary>
public static class CalibrationHoldout
{
    private const int OpenGroup = 7;

    public static CalibrationHoldoutReport Run(IEnumerable<Transaction> transactions, DateOnly calibrationEnd, DateOnly holdoutEnd,
        bool paretoNbd = false)
    {
        if (holdoutEnd <= calibrationEnd)
        {
            throw new ArgumentException($"the holdout end ({holdoutEnd:yyyy-MM-dd}) must come after the calibration end ({calibrationEnd:yyyy-MM-dd})");
        }

        var builder = new CustomerSummaryBuilder(new SummaryOptions { Multiplier = 7, ObservationEnd = calibrationEnd });
        var holdoutDays = new Dictionary<string, HashSet<DateOnly>>(StringComparer.Ordinal);
        var first = DateOnly.MaxValue;
        foreach (var t in transactions)
        {
            if (t.Date <= calibrationEnd)
            {
                builder.Add(t.CustomerId, t.Date, t.Amount);
                first = t.Date < first ? t.Date : first;
            }
            else if (t.Date <= holdoutEnd)
            {
                if (!holdoutDays.TryGetValue(t.CustomerId, out var days))
                {
                    holdoutDays[t.CustomerId] = days = [];
                }

                days.Add(t.Date);
            }
        }

        var summaries = builder.Build();
        var weeks = (holdoutEnd.DayNumber - calibrationEnd.DayNumber) / 7.0;
        var fit = RepeatPurchaseFit.Fit(GroupedSummaries.From(summaries), paretoNbd);

        var actual = new double[OpenGroup + 1];
        var predicted = new double[OpenGroup + 1];
        var counts = new int[OpenGroup + 1];
        foreach (var c in summaries)
        {
            var group = (int)Math.Min(c.Frequency, OpenGroup);
            counts[group]++;
            actual[group] += holdoutDays.TryGetValue(c.CustomerId, out var days) ? days.Count : 0;
            predicted[group] += fit.Converged ? fit.Model.ConditionalExpectedPurchases(weeks, c.Frequency, c.Recency, c.T) : double.NaN;
        }

        var groups = Enumerable.Range(0, OpenGroup + 1).Select(g => new HoldoutGroup(
            g == OpenGroup ? $"{OpenGroup}+" : g.ToString(System.Globalization.CultureInfo.InvariantCulture),
            counts[g],
            counts[g] == 0 ? 0 : actual[g] / counts[g],
            counts[g] == 0 ? 0 : predicted[g] / counts[g])).ToList();
        return new CalibrationHoldoutReport(fit.Name, fit.Parameters, fit.LogLikelihood, fit.Converged, fit.Failure,
            summaries.Count == 0 ? calibrationEnd : first, calibrationEnd, holdoutEnd, weeks, summaries.Count, groups, actual.Sum(), predicted.Sum());
    }
}
