using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// BTYD fits of one scoring run, kept per (model, known-through day): the backtest, the learnt model's features
/// and the final scoring ask for the same fits several times, and on a million customers each costs a second.
/// </summary>
public sealed class BtydFits
{
    private readonly Dictionary<(bool, DateOnly), RepeatPurchaseFit?> fits = [];
    private readonly Lock gate = new();

    /// <summary>The fit on <paramref name="view"/>'s summaries, or null when no customer bought twice (nothing to fit).</summary>
    public RepeatPurchaseFit? Get(HistoryView view, bool paretoNbd)
    {
        ArgumentNullException.ThrowIfNull(view);
        lock (gate)
        {
            if (fits.TryGetValue((paretoNbd, view.KnownThrough), out var known))
            {
                return known;
            }
        }

        var summaries = view.Summaries();
        RepeatPurchaseFit? fit = summaries.Any(s => s.Frequency > 0)
            ? RepeatPurchaseFit.Fit(GroupedSummaries.From(summaries), paretoNbd)
            : null;
        lock (gate)
        {
            fits[(paretoNbd, view.KnownThrough)] = fit;
        }

        return fit;
    }
}
