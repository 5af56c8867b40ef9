using Rekindle.Core.Intelligence.Numerics;

namespace Rekindle.Core.Tests.Intelligence.Numerics;

public class OptimizerTests
{
    private static double Rosenbrock(double[] p) => 100 * Math.Pow(p[1] - p[0] * p[0], 2) + Math.Pow(1 - p[0], 2);

    private static double RosenbrockWithGradient(double[] p, double[] gradient)
    {
        gradient[0] = -400 * p[0] * (p[1] - p[0] * p[0]) - 2 * (1 - p[0]);
        gradient[1] = 200 * (p[1] - p[0] * p[0]);
        return Rosenbrock(p);
    }

    [Fact]
    public void NelderMead_Rosenbrock_ConvergesToTheMinimum()
    {
        var result = NelderMead.Minimize(Rosenbrock, [-1.2, 1]);

        Assert.True(result.Converged, result.Failure);
        Assert.Equal(1, result.Point[0], 1e-4);
        Assert.Equal(1, result.Point[1], 1e-4);
        Assert.True(result.Value < 1e-10);
    }

    [Fact]
    public void NelderMead_NaNOutsideTheDomain_IsTreatedAsInfinite()
    {
        // Minimum of (x − 2)² + y² with NaN wherever x < 1: the simplex must not step there.
        var result = NelderMead.Minimize(p => p[0] < 1 ? double.NaN : Math.Pow(p[0] - 2, 2) + p[1] * p[1], [3, 1]);

        Assert.True(result.Converged, result.Failure);
        Assert.Equal(2, result.Point[0], 1e-4);
    }

    [Fact]
    public void NelderMead_NotFiniteAtTheStart_FailsAndSaysWhy()
    {
        var result = NelderMead.Minimize(_ => double.NaN, [1, 1]);

        Assert.False(result.Converged);
        Assert.Equal("the objective is not finite at the starting point", result.Failure);
    }

    [Fact]
    public void NelderMead_BudgetTooSmall_FailsAndSaysWhy()
    {
        var result = NelderMead.Minimize(Rosenbrock, [-1.2, 1], new OptimizerOptions { MaxEvaluations = 30 });

        Assert.False(result.Converged);
        Assert.Equal("no convergence within 30 objective evaluations", result.Failure);
    }

    [Fact]
    public void Bfgs_Rosenbrock_ConvergesOnTheGradient()
    {
        var result = Bfgs.Minimize(RosenbrockWithGradient, [-1.2, 1]);

        Assert.True(result.Converged, result.Failure);
        Assert.Equal(1, result.Point[0], 1e-8);
        Assert.Equal(1, result.Point[1], 1e-8);
        Assert.InRange(result.Evaluations, 1, 200);
    }

    [Fact]
    public void Bfgs_NotFiniteAtTheStart_FailsAndSaysWhy()
    {
        var result = Bfgs.Minimize((_, _) => double.PositiveInfinity, [1.0]);

        Assert.False(result.Converged);
        Assert.Equal("the objective is not finite at the starting point", result.Failure);
    }

    [Fact]
    public void Bfgs_IterationLimit_FailsAndSaysWhy()
    {
        var result = Bfgs.Minimize(RosenbrockWithGradient, [-1.2, 1], new OptimizerOptions { MaxIterations = 3 });

        Assert.False(result.Converged);
        Assert.StartsWith("no convergence within 3 iterations", result.Failure);
    }

    [Fact]
    public void Bfgs_GradientNoiseAboveTolerance_ConvergesOnceTheIteratesStopMoving()
    {
        // A cosh bowl (not a quadratic, so no step lands exactly on the minimum) whose gradient is off by 4e-9 away
        // from the minimum (as a sum over a million customers is, from
        // rounding), so no point reports a gradient below the 1e-9 tolerance; the minimum is found all the same.
        double Objective(double[] x, double[] gradient)
        {
            gradient[0] = Math.Sinh(x[0] - 1) + 4e-9 * Math.Sign(x[0] - 1);
            gradient[1] = Math.Sinh(x[1] + 2) + 4e-9 * Math.Sign(x[1] + 2);
            return Math.Cosh(x[0] - 1) + Math.Cosh(x[1] + 2);
        }

        var result = Bfgs.Minimize(Objective, [3, 1], new OptimizerOptions { GradientTolerance = 1e-9 });

        Assert.True(result.Converged, $"{result.Failure} at ({result.Point[0]:R}, {result.Point[1]:R})");
        Assert.Equal(1, result.Point[0], 1e-6);
        Assert.Equal(-2, result.Point[1], 1e-6);
        Assert.True(result.Evaluations < 100, $"{result.Evaluations} evaluations");
    }
}
