namespace Rekindle.Core.Intelligence.Numerics;

/// <summary>Settings of <see cref="NelderMead.Minimize"/> and <see cref="Bfgs.Minimize"/>.</summary>
public sealed record OptimizerOptions
{
    /// <summary>Upper bound on objective evaluations over all restarts; reaching it is a failure.</summary>
    public int MaxEvaluations { get; init; } = 5_000;

    /// <summary>BFGS: upper bound on iterations (each with its line search); reaching it is a failure.</summary>
    public int MaxIterations { get; init; } = 500;

    /// <summary>A run stops when the simplex values differ by at most this, relative to max(1, |best|).</summary>
    public double FunctionTolerance { get; init; } = 1e-12;

    /// <summary>…and every vertex is within this distance (max norm) of the best one.</summary>
    public double PointTolerance { get; init; } = 1e-8;

    /// <summary>
    /// Model fits: skip BFGS and use Nelder–Mead alone (slower, derivative-free), e.g. to cross-check a fit.
    /// </summary>
    public bool NelderMeadOnly { get; init; }

    /// <summary>BFGS: converged when no gradient component exceeds this in absolute value.</summary>
    public double GradientTolerance { get; init; } = 1e-9;

    /// <summary>Edge length of the initial simplex around the starting point (and of each restart's).</summary>
    public double InitialStep { get; init; } = 0.5;

    /// <summary>
    /// A converged run is restarted from its best point with a fresh simplex, because Nelder–Mead can collapse
    /// onto a non-stationary point; the fit is accepted once a restart no longer improves the value. Running out
    /// of restarts while still improving is a failure.
    /// </summary>
    public int MaxRestarts { get; init; } = 10;
}
