namespace Rekindle.Core.Intelligence.Clv;

/// <summary>
/// The horizon and discounting of <see cref="LifetimeValue"/>: <paramref name="Steps"/> periods of
/// <paramref name="StepLength"/> model time units each, cash flows of period k discounted by (1 + d)^k.
/// </summary>
/// <param name="Steps">Number of discounting periods (e.g. 12 months).</param>
/// <param name="StepLength">One period in the model's time unit (e.g. 4.345 weeks per month, 30 days per month).</param>
/// <param name="DiscountRatePerStep">Discount rate d per period (e.g. 0.01 a month ≈ 12.7 % a year).</param>
public sealed record ClvOptions(int Steps, double StepLength, double DiscountRatePerStep)
{
    internal void Validate()
    {
        if (Steps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "the number of steps must be ≥ 0");
        }

        if (!double.IsFinite(StepLength) || StepLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(StepLength), StepLength, "the step length must be positive");
        }

        if (!double.IsFinite(DiscountRatePerStep) || DiscountRatePerStep <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(DiscountRatePerStep), DiscountRatePerStep, "the discount rate must be > −1");
        }
    }
}
