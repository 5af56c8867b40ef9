using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Numerics;

namespace Rekindle.Core.Intelligence.Prediction;

/// <summary>
/// BTYD fits of one scoring run, kept per (model, known-through day): the backtest, the learnt model's features
/// and the final scoring ask for the same fits several times, and on a million customers each costs a second.
/// </summary>
public sealed class BtydFits
{
    /// <summary>
    /// A scoring run cannot wait for a Pareto/NBD fit that creeps along a ridge towards a parameter's limit: its
    /// gradient is numeric, and on a generated shop of steady buyers it took 40,000 likelihood evaluations (8.5
    /// minutes) to get there. Its optimisers stop after this many steps instead (7.7 s there), and a fit that ends at
    /// a limit is still tried as the limiting model. The interior fits of the test shops take at most 33 iterations.
    /// BG/NBD, with its analytic gradient, gets to a limit quickly and keeps the default settings.
    /// </summary>
    public static readonly OptimizerOptions ParetoBudget = new() { MaxEvaluations = 150, MaxIterations = 40 };

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
            ? RepeatPurchaseFit.Fit(GroupedSummaries.From(summaries), paretoNbd, paretoNbd ? ParetoBudget : null)
            : null;
        lock (gate)
        {
            fits[(paretoNbd, view.KnownThrough)] = fit;
        }

        return fit;
    }
}
