using Rekindle.Core.Intelligence.Numerics;

namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// Maximum likelihood over strictly positive parameters: the optimiser works on their logarithms (so every trial
/// point is feasible) and minimises the mean negative log-likelihood (so tolerances do not depend on the number of
/// customers). BFGS runs first — with the model's analytic gradient, or central differences without one — because
/// it needs a few dozen gradient evaluations where Nelder–Mead needs several hundred likelihoods, which matters at
/// a million customers; Nelder–Mead (with restarts) takes over from BFGS's best point if BFGS fails.
/// </summary>
internal static class LogParameterFit
{
    // The search is confined to [MinParameter, MaxParameter]. An estimate at that wall has run off towards a boundary
    // of the parameter space (e.g. a, b → ∞ when the data show no dropout): the numbers then mean nothing, and the
    // wall keeps a diverging search from spending its whole evaluation budget getting there.
    public const double MinParameter = 1e-7;
    public const double MaxParameter = 1e7;
    private static readonly double LogMin = Math.Log(MinParameter);
    private static readonly double LogMax = Math.Log(MaxParameter);
    private const double NumericStep = 1e-5;
    private const double NumericGradientTolerance = 1e-7;

    public static ModelFit<double[]> Run(
        string[] names,
        double[] start,
        Func<double[], double> totalLogLikelihood,
        Func<double[], double[], double>? totalLogLikelihoodWithGradient,
        double totalWeight,
        OptimizerOptions? options)
    {
        foreach (double value in start)
        {
            if (!(value >= MinParameter && value <= MaxParameter))
            {
                throw new ArgumentOutOfRangeException(nameof(start), value, $"starting parameters must lie in [{MinParameter}, {MaxParameter}]");
            }
        }

        if (!(totalWeight > 0))
        {
            return new ModelFit<double[]>(start, double.NaN, false, 0, 0, "there are no customers to fit");
        }

        int evaluations = 0;
        double Objective(double[] logs)
        {
            var parameters = Parameters(logs);
            if (parameters is null)
            {
                return double.PositiveInfinity;
            }

            evaluations++;
            double ll = totalLogLikelihood(parameters);
            return double.IsFinite(ll) ? -ll / totalWeight : double.PositiveInfinity;
        }

        double ObjectiveWithGradient(double[] logs, double[] gradient)
        {
            var parameters = Parameters(logs);
            if (parameters is null)
            {
                return double.PositiveInfinity;
            }

            evaluations++;
            var natural = new double[logs.Length];
            double ll = totalLogLikelihoodWithGradient!(parameters, natural);
            for (int i = 0; i < logs.Length; i++)
            {
                gradient[i] = -parameters[i] * natural[i] / totalWeight; // chain rule: dθ/du = θ for θ = e^u
            }

            return double.IsFinite(ll) ? -ll / totalWeight : double.PositiveInfinity;
        }

        // Central differences: 2n extra evaluations per gradient, still far fewer in total than Nelder–Mead needs.
        // Their error (about 1e-9 here) caps the gradient test, hence the looser tolerance.
        double ObjectiveWithNumericGradient(double[] logs, double[] gradient)
        {
            double value = Objective(logs);
            var probe = (double[])logs.Clone();
            for (int i = 0; i < logs.Length && double.IsFinite(value); i++)
            {
                probe[i] = logs[i] + NumericStep;
                double up = Objective(probe);
                probe[i] = logs[i] - NumericStep;
                double down = Objective(probe);
                probe[i] = logs[i];
                gradient[i] = (up - down) / (2 * NumericStep);
            }

            return value;
        }

        double[] logStart = start.Select(v => Math.Log(v)).ToArray();
        options ??= new OptimizerOptions();
        if (options.NelderMeadOnly)
        {
            var alone = NelderMead.Minimize(Objective, logStart, options);
            return Finish(names, alone, alone.Iterations, evaluations, totalLogLikelihood);
        }

        var result = totalLogLikelihoodWithGradient is not null
            ? Bfgs.Minimize(ObjectiveWithGradient, logStart, options)
            : Bfgs.Minimize(ObjectiveWithNumericGradient, logStart, options with
            {
                GradientTolerance = Math.Max(options.GradientTolerance, NumericGradientTolerance),
            });
        int iterations = result.Iterations;

        if (!result.Converged && EdgeIndex(result.Point) < 0)
        {
            var from = double.IsFinite(result.Value) ? result.Point : logStart;
            var fallback = NelderMead.Minimize(Objective, from, options);
            iterations += fallback.Iterations;
            string? combined = fallback.Failure is null ? null : $"BFGS: {result.Failure}; Nelder–Mead: {fallback.Failure}";
            result = fallback with { Failure = combined };
        }

        return Finish(names, result, iterations, evaluations, totalLogLikelihood);
    }

    private static ModelFit<double[]> Finish(
        string[] names, OptimizationResult result, int iterations, int evaluations, Func<double[], double> totalLogLikelihood)
    {
        double[] estimate = result.Point.Select(v => Math.Exp(v)).ToArray();
        double logLikelihood = totalLogLikelihood(estimate);
        int edge = EdgeIndex(result.Point);
        string? failure = edge >= 0
            ? $"{names[edge]} = {estimate[edge]:G6} ran to the edge of its range: the data do not identify the model"
            : result.Failure;
        if (failure is null && !double.IsFinite(logLikelihood))
        {
            failure = "the log-likelihood is not finite at the estimate";
        }

        return new ModelFit<double[]>(estimate, logLikelihood, failure is null, iterations, evaluations, failure,
            AtEdge: edge >= 0 && double.IsFinite(logLikelihood));
    }

    private static double[]? Parameters(double[] logs)
    {
        var parameters = new double[logs.Length];
        for (int i = 0; i < logs.Length; i++)
        {
            if (!(logs[i] >= LogMin && logs[i] <= LogMax))
            {
                return null;
            }

            parameters[i] = Math.Exp(logs[i]);
        }

        return parameters;
    }

    // A coordinate within a factor e of the wall counts as having reached it.
    private static int EdgeIndex(IReadOnlyList<double> logs)
    {
        for (int i = 0; i < logs.Count; i++)
        {
            if (logs[i] < LogMin + 1 || logs[i] > LogMax - 1)
            {
                return i;
            }
        }

        return -1;
    }
}
