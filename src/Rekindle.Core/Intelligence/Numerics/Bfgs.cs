namespace Rekindle.Core.Intelligence.Numerics;

/// <summary>Returns f(point) and writes ∇f(point) into <c>gradient</c>.</summary>
public delegate double ValueAndGradient(double[] point, double[] gradient);

/// <summary>
/// Quasi-Newton minimisation (BFGS, inverse-Hessian form, Nocedal &amp; Wright 2006 ch. 6) with a backtracking
/// Armijo line search. Converged means every gradient component is within
/// <see cref="OptimizerOptions.GradientTolerance"/>, a test Nelder–Mead cannot offer; it needs far fewer
/// evaluations than Nelder–Mead when the gradient is analytic, which is what makes a fit over a million customers
/// affordable. Non-finite values are rejected by the line search like any other increase.
/// </summary>
public static class Bfgs
{
    // Largest move per iteration in any coordinate: the coordinates are log-parameters, and e^5 is already a factor
    // of 150, so a wild first step cannot overflow the model.
    private const double MaxStep = 5;
    private const double Armijo = 1e-4;
    private const int MaxBacktracks = 60;

    // How far above GradientTolerance a gradient may stay when the iterates have stopped moving (see "stalled").
    private const double NoiseFloorFactor = 1e3;

    public static OptimizationResult Minimize(
        ValueAndGradient objective, IReadOnlyList<double> start, OptimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        options ??= new OptimizerOptions();
        int n = start.Count;
        if (n == 0)
        {
            throw new ArgumentException("the starting point has no coordinates", nameof(start));
        }

        int evaluations = 0;
        double Evaluate(double[] point, double[] gradient)
        {
            evaluations++;
            double value = objective(point, gradient);
            return double.IsFinite(value) && gradient.All(double.IsFinite) ? value : double.PositiveInfinity;
        }

        double[] x = [.. start];
        var g = new double[n];
        double f = Evaluate(x, g);
        if (double.IsPositiveInfinity(f))
        {
            return new OptimizationResult(x, f, false, 0, evaluations, "the objective is not finite at the starting point");
        }

        var h = Identity(n);
        bool scaled = false;
        int iterations = 0;
        var direction = new double[n];
        var next = new double[n];
        var nextGradient = new double[n];
        while (true)
        {
            if (MaxAbs(g) <= options.GradientTolerance)
            {
                return new OptimizationResult(x, f, true, iterations, evaluations, null);
            }

            if (evaluations >= options.MaxEvaluations || iterations >= options.MaxIterations)
            {
                return new OptimizationResult(x, f, false, iterations, evaluations,
                    $"no convergence within {iterations} iterations and {evaluations} evaluations (largest gradient component {MaxAbs(g):G3})");
            }

            iterations++;
            double slope = Direction(h, g, direction);
            if (!(slope < 0))
            {
                // Lost positive definiteness (rounding): fall back to steepest descent.
                h = Identity(n);
                slope = Direction(h, g, direction);
            }

            double size = MaxAbs(direction);
            if (size > MaxStep)
            {
                for (int i = 0; i < n; i++)
                {
                    direction[i] *= MaxStep / size;
                }

                slope *= MaxStep / size;
            }

            double step = 1;
            double fNext = double.PositiveInfinity;
            bool accepted = false;
            for (int k = 0; k < MaxBacktracks && !accepted; k++)
            {
                for (int i = 0; i < n; i++)
                {
                    next[i] = x[i] + step * direction[i];
                }

                fNext = Evaluate(next, nextGradient);
                accepted = fNext <= f + Armijo * step * slope
                    // At the optimum f is flat to rounding; a smaller gradient is then the only sign of progress.
                    || (Math.Abs(fNext - f) <= 1e-15 * Math.Max(1, Math.Abs(f)) && MaxAbs(nextGradient) < MaxAbs(g));
                if (!accepted)
                {
                    step = double.IsFinite(fNext)
                        ? Math.Clamp(-slope * step * step / (2 * (fNext - f - slope * step)), 0.1 * step, 0.5 * step)
                        : 0.25 * step;
                }
            }

            if (!accepted)
            {
                return new OptimizationResult(x, f, false, iterations, evaluations,
                    $"the line search found no decrease (largest gradient component {MaxAbs(g):G3})");
            }

            // Converged at the rounding floor: the step moved neither the value nor the point measurably while the
            // gradient is already tiny. Over a million customers the gradient's rounding noise can sit just above
            // GradientTolerance, and without this test BFGS would spend its whole budget shuffling in the noise.
            bool stalled = Math.Abs(fNext - f) <= options.FunctionTolerance * Math.Max(1, Math.Abs(f))
                && step * MaxAbs(direction) <= options.PointTolerance
                && MaxAbs(nextGradient) <= NoiseFloorFactor * options.GradientTolerance;
            Update(h, x, next, g, nextGradient, ref scaled);
            (x, next) = (next, x);
            (g, nextGradient) = (nextGradient, g);
            f = fNext;
            if (stalled)
            {
                return new OptimizationResult(x, f, true, iterations, evaluations, null);
            }
        }
    }

    // direction = −H g; returns the slope gᵀ direction.
    private static double Direction(double[,] h, double[] g, double[] direction)
    {
        int n = g.Length;
        double slope = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
            {
                sum -= h[i, j] * g[j];
            }

            direction[i] = sum;
            slope += sum * g[i];
        }

        return slope;
    }

    // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with s = x⁺ − x, y = g⁺ − g, ρ = 1 / yᵀs; skipped when the
    // curvature yᵀs is not clearly positive (the backtracking search does not enforce the Wolfe conditions).
    private static void Update(double[,] h, double[] x, double[] next, double[] g, double[] nextGradient, ref bool scaled)
    {
        int n = x.Length;
        var s = new double[n];
        var y = new double[n];
        double sy = 0, yy = 0, ss = 0;
        for (int i = 0; i < n; i++)
        {
            s[i] = next[i] - x[i];
            y[i] = nextGradient[i] - g[i];
            sy += s[i] * y[i];
            yy += y[i] * y[i];
            ss += s[i] * s[i];
        }

        if (!(sy > 1e-12 * Math.Sqrt(ss * yy)))
        {
            return;
        }

        if (!scaled)
        {
            // Nocedal & Wright eq. 6.20: give the identity the curvature just observed before the first update.
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    h[i, j] = i == j ? sy / yy : 0;
                }
            }

            scaled = true;
        }

        double rho = 1 / sy;
        var hy = new double[n];
        double yhy = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                hy[i] += h[i, j] * y[j];
            }

            yhy += y[i] * hy[i];
        }

        // Expanded form of the product above, valid because H is symmetric.
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                h[i, j] += -rho * (s[i] * hy[j] + hy[i] * s[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
            }
        }
    }

    private static double[,] Identity(int n)
    {
        var identity = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            identity[i, i] = 1;
        }

        return identity;
    }

    private static double MaxAbs(double[] values)
    {
        double max = 0;
        foreach (double value in values)
        {
            max = Math.Max(max, Math.Abs(value));
        }

        return max;
    }
}
