namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// The outcome of a maximum-likelihood fit. <see cref="Parameters"/> holds the best point found even when the fit
/// failed, for diagnostics only: callers must check <see cref="Converged"/> and keep their previous model otherwise.
/// </summary>
/// <param name="Parameters">The maximum-likelihood estimate (or the best point reached).</param>
/// <param name="LogLikelihood">Total log-likelihood at <paramref name="Parameters"/>, summed over customers.</param>
/// <param name="Converged">True when the optimiser's convergence tests passed and the estimate is interior.</param>
/// <param name="Iterations">Optimiser iterations.</param>
/// <param name="Evaluations">Likelihood evaluations.</param>
/// <param name="Failure">Why the fit is not trusted; null when it converged.</param>
/// <param name="AtEdge">
/// The likelihood kept rising towards a parameter's limit (e.g. BG/NBD's a → 0: nobody drops out): not a
/// converged fit, but a valid limiting model that a backtest may still try.
/// </param>
public sealed record ModelFit<TParameters>(
    TParameters Parameters,
    double LogLikelihood,
    bool Converged,
    int Iterations,
    int Evaluations,
    string? Failure,
    bool AtEdge = false);
