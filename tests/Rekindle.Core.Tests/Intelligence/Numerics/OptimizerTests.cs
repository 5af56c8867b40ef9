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
}
