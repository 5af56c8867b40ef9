using Rekindle.Core.Intelligence.Prediction;

namespace Rekindle.Learning.Churn;

/// <summary>
/// Every churn model the backtest can try, in one place for the server's job, the model report, the benchmark and
/// the tests: BG/NBD, Pareto/NBD and the boosted trees, sharing one run's BTYD fits.
/// </summary>
public static class PurchaseModels
{
    public static IReadOnlyList<string> Names { get; } = ["bg-nbd", "pareto-nbd", BoostedTreesPurchaseModel.ModelName];

    public static IReadOnlyList<IPurchaseModel> All(BtydFits fits, ChurnPredictionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            new BtydPurchaseModel(paretoNbd: false, fits),
            new BtydPurchaseModel(paretoNbd: true, fits),
            new BoostedTreesPurchaseModel(fits, options.MinimumCustomers, options.MinimumBuyers),
        ];
    }
}
