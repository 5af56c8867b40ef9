using Rekindle.Core.Intelligence.Prediction;
using Rekindle.Learning.Churn;

namespace Rekindle.Engine.Intelligence;

/// <summary>The models a churn run backtests (<c>Intelligence:ChurnModels</c> picks among them; all by default).</summary>
public static class ChurnCandidates
{
    public static IReadOnlyList<string> Names => PurchaseModels.Names;

    /// <summary>Fresh candidates for one run, sharing that run's BTYD fits.</summary>
    public static IReadOnlyList<IPurchaseModel> Create(BtydFits fits, IntelligenceOptions options, ChurnPredictionOptions prediction)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = PurchaseModels.All(fits, prediction);
        return options.ChurnModels.Count == 0 ? all : [.. all.Where(m => options.ChurnModels.Contains(m.Name))];
    }
}
