using Rekindle.Core.Intelligence.Numerics;

namespace Rekindle.Core.Intelligence.Churn;

/// <summary>A fitted repeat-purchase model with its parameters by name, whichever model was chosen.</summary>
public sealed record RepeatPurchaseFit(
    IRepeatPurchaseModel Model, string Name, IReadOnlyDictionary<string, double> Parameters, double LogLikelihood, bool Converged, string? Failure,
    bool AtEdge = false)
{
    /// <summary>Fits BG/NBD, or Pareto/NBD when <paramref name="paretoNbd"/>, by maximum likelihood from the default start.</summary>
    public static RepeatPurchaseFit Fit(GroupedSummaries data, bool paretoNbd, OptimizerOptions? options = null)
    {
        if (paretoNbd)
        {
            var f = ParetoNbdModel.Fit(data, options: options);
            var p = f.Parameters;
            return new RepeatPurchaseFit(new ParetoNbdModel(p), "pareto-nbd",
                new Dictionary<string, double> { ["r"] = p.R, ["alpha"] = p.Alpha, ["s"] = p.S, ["beta"] = p.Beta },
                f.LogLikelihood, f.Converged, f.Failure, f.AtEdge);
        }

        var b = BgNbdModel.Fit(data, options: options);
        var q = b.Parameters;
        return new RepeatPurchaseFit(new BgNbdModel(q), "bg-nbd",
            new Dictionary<string, double> { ["r"] = q.R, ["alpha"] = q.Alpha, ["a"] = q.A, ["b"] = q.B },
            b.LogLikelihood, b.Converged, b.Failure, b.AtEdge);
    }
}
