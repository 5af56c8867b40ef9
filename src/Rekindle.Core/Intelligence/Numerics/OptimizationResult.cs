namespace Rekindle.Core.Intelligence.Numerics;

/// <summary>What an optimisation found, and whether it may be trusted.</summary>
/// <param name="Point">The best point found (even when not converged, for diagnostics).</param>
/// <param name="Value">The objective at <paramref name="Point"/>.</param>
/// <param name="Converged">True only when the convergence tests passed; otherwise <paramref name="Failure"/> says why.</param>
/// <param name="Iterations">Simplex iterations over all runs.</param>
/// <param name="Evaluations">Objective evaluations over all runs.</param>
/// <param name="Failure">Why the optimisation is not trusted; null when it converged.</param>
public sealed record OptimizationResult(
    IReadOnlyList<double> Point,
    double Value,
    bool Converged,
    int Iterations,
    int Evaluations,
    string? Failure);
