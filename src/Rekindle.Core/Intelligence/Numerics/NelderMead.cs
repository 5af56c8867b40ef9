namespace Rekindle.Core.Intelligence.Numerics;

/// <summary>
/// Derivative-free minimisation by the Nelder–Mead simplex method (Lagarias et al. 1998 ordering rules) with the
/// dimension-adaptive coefficients of Gao &amp; Han (2012), restarted from the best point until a restart stops
/// improving. A NaN objective counts as +∞, so infeasible points are simply rejected.
/// </summary>
public static class NelderMead
{
    public static OptimizationResult Minimize(
        Func<double[], double> objective, IReadOnlyList<double> start, OptimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        options ??= new OptimizerOptions();
        if (start.Count == 0)
        {
            throw new ArgumentException("the starting point has no coordinates", nameof(start));
        }

        var counter = new Counter(objective);
        double[] best = [.. start];
        double bestValue = counter.Evaluate(best);
        if (double.IsPositiveInfinity(bestValue))
        {
            return new OptimizationResult(best, bestValue, false, 0, counter.Count,
                "the objective is not finite at the starting point");
        }

        int iterations = 0;
        for (int restart = 0; restart <= options.MaxRestarts; restart++)
        {
            var run = Run(counter, best, bestValue, options);
            iterations += run.Iterations;
            if (!run.Converged)
            {
                return new OptimizationResult(run.Best, run.BestValue, false, iterations, counter.Count,
                    $"no convergence within {options.MaxEvaluations} objective evaluations");
            }

            double improvement = bestValue - run.BestValue;
            double moved = MaxDistance(best, run.Best);
            best = run.Best;
            bestValue = run.BestValue;
            bool settled = improvement <= options.FunctionTolerance * Math.Max(1, Math.Abs(bestValue))
                && moved <= Math.Sqrt(options.PointTolerance);
            if (restart > 0 && settled)
            {
                return new OptimizationResult(best, bestValue, true, iterations, counter.Count, null);
            }
        }

        return new OptimizationResult(best, bestValue, false, iterations, counter.Count,
            $"still improving after {options.MaxRestarts} restarts");
    }

    private static RunResult Run(Counter counter, double[] origin, double originValue, OptimizerOptions options)
    {
        int n = origin.Length;
        double reflect = 1;
        double expand = 1 + 2.0 / n;
        double contract = 0.75 - 1.0 / (2 * n);
        double shrink = 1 - 1.0 / n;

        var points = new double[n + 1][];
        var values = new double[n + 1];
        points[0] = (double[])origin.Clone();
        values[0] = originValue;
        for (int i = 0; i < n; i++)
        {
            var p = (double[])origin.Clone();
            p[i] += options.InitialStep;
            points[i + 1] = p;
            values[i + 1] = counter.Evaluate(p);
        }

        var order = new int[n + 1];
        var centroid = new double[n];
        int iterations = 0;
        while (true)
        {
            Sort(values, order);
            int bestIndex = order[0];
            int worst = order[n];
            int secondWorst = order[n - 1];
            if (Converged(points, values, order, options))
            {
                return new RunResult(points[bestIndex], values[bestIndex], true, iterations);
            }

            if (counter.Count >= options.MaxEvaluations)
            {
                return new RunResult(points[bestIndex], values[bestIndex], false, iterations);
            }

            iterations++;
            Array.Clear(centroid);
            for (int k = 0; k < n; k++)
            {
                var p = points[order[k]];
                for (int d = 0; d < n; d++)
                {
                    centroid[d] += p[d] / n;
                }
            }

            var reflected = Along(centroid, points[worst], -reflect);
            double fr = counter.Evaluate(reflected);
            if (fr < values[bestIndex])
            {
                var expanded = Along(centroid, points[worst], -reflect * expand);
                double fe = counter.Evaluate(expanded);
                Replace(points, values, worst, fe < fr ? expanded : reflected, Math.Min(fe, fr));
            }
            else if (fr < values[secondWorst])
            {
                Replace(points, values, worst, reflected, fr);
            }
            else
            {
                bool outside = fr < values[worst];
                var contracted = outside
                    ? Along(centroid, points[worst], -reflect * contract)
                    : Along(centroid, points[worst], contract);
                double fc = counter.Evaluate(contracted);
                if (outside ? fc <= fr : fc < values[worst])
                {
                    Replace(points, values, worst, contracted, fc);
                }
                else
                {
                    var anchor = points[bestIndex];
                    for (int k = 1; k <= n; k++)
                    {
                        int index = order[k];
                        var p = points[index];
                        for (int d = 0; d < n; d++)
                        {
                            p[d] = anchor[d] + shrink * (p[d] - anchor[d]);
                        }

                        values[index] = counter.Evaluate(p);
                    }
                }
            }
        }
    }

    private static bool Converged(double[][] points, double[] values, int[] order, OptimizerOptions options)
    {
        double best = values[order[0]];
        double spread = values[order[^1]] - best;
        if (!(spread <= options.FunctionTolerance * Math.Max(1, Math.Abs(best))))
        {
            return false;
        }

        var anchor = points[order[0]];
        for (int k = 1; k < order.Length; k++)
        {
            if (MaxDistance(anchor, points[order[k]]) > options.PointTolerance)
            {
                return false;
            }
        }

        return true;
    }

    // centroid + factor · (point − centroid): −1 reflects, −expand expands, ±contract contracts.
    private static double[] Along(double[] centroid, double[] point, double factor)
    {
        var result = new double[centroid.Length];
        for (int d = 0; d < result.Length; d++)
        {
            result[d] = centroid[d] + factor * (point[d] - centroid[d]);
        }

        return result;
    }

    private static void Replace(double[][] points, double[] values, int index, double[] point, double value)
    {
        points[index] = point;
        values[index] = value;
    }

    private static void Sort(double[] values, int[] order)
    {
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Insertion sort: there are only n + 1 vertices.
        for (int i = 1; i < order.Length; i++)
        {
            int current = order[i];
            int j = i - 1;
            while (j >= 0 && values[order[j]] > values[current])
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = current;
        }
    }

    private static double MaxDistance(double[] a, double[] b)
    {
        double max = 0;
        for (int d = 0; d < a.Length; d++)
        {
            max = Math.Max(max, Math.Abs(a[d] - b[d]));
        }

        return max;
    }

    private sealed class Counter(Func<double[], double> objective)
    {
        public int Count { get; private set; }

        public double Evaluate(double[] point)
        {
            Count++;
            double value = objective(point);
            return double.IsNaN(value) ? double.PositiveInfinity : value;
        }
    }

    private sealed record RunResult(double[] Best, double BestValue, bool Converged, int Iterations);
}
