using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Clv;

namespace Rekindle.Core.Tests.Intelligence.Clv;

public class LifetimeValueTests
{
    private static readonly BgNbdModel Model = new(new BgNbdParameters(0.2425945, 4.4136019, 0.7929199, 2.4258881));

    [Fact]
    public void Compute_OneUndiscountedStep_IsOrderValueTimesExpectedPurchases()
    {
        double clv = LifetimeValue.Compute(Model, 2, 30.43, 38.86, 25, new ClvOptions(1, 4.345, 0));

        Assert.Equal(25 * Model.ConditionalExpectedPurchases(4.345, 2, 30.43, 38.86), clv, 1e-12);
    }

    [Fact]
    public void Compute_UndiscountedSteps_AddUpToTheWholeHorizon()
    {
        double clv = LifetimeValue.Compute(Model, 2, 30.43, 38.86, 25, new ClvOptions(12, 4.345, 0));

        Assert.Equal(25 * Model.ConditionalExpectedPurchases(12 * 4.345, 2, 30.43, 38.86), clv, 1e-10);
    }

    [Fact]
    public void Compute_Discounting_LowersTheValueAndALongerHorizonRaisesIt()
    {
        double undiscounted = LifetimeValue.Compute(Model, 5, 30, 38, 25, new ClvOptions(12, 4.345, 0));
        double discounted = LifetimeValue.Compute(Model, 5, 30, 38, 25, new ClvOptions(12, 4.345, 0.01));
        double longer = LifetimeValue.Compute(Model, 5, 30, 38, 25, new ClvOptions(24, 4.345, 0.01));

        Assert.True(discounted < undiscounted);
        Assert.True(longer > discounted);
    }

    [Fact]
    public void Compute_FirstStepDiscountedOnce_DividesByOnePlusTheRate()
    {
        double undiscounted = LifetimeValue.Compute(Model, 5, 30, 38, 25, new ClvOptions(1, 4.345, 0));

        Assert.Equal(undiscounted / 1.01, LifetimeValue.Compute(Model, 5, 30, 38, 25, new ClvOptions(1, 4.345, 0.01)), 1e-12);
    }

    [Fact]
    public void Compute_NoSteps_IsZero()
    {
        Assert.Equal(0, LifetimeValue.Compute(Model, 5, 30, 38, 25, new ClvOptions(0, 4.345, 0.01)));
    }

    [Fact]
    public void Compute_NonPositiveStepLength_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LifetimeValue.Compute(Model, 5, 30, 38, 25, new ClvOptions(12, 0, 0.01)));
    }
}
