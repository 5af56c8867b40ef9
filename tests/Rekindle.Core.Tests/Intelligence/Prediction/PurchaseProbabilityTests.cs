using Rekindle.Core.Intelligence.Churn;
using Rekindle.Core.Intelligence.Numerics;

namespace Rekindle.Core.Tests.Intelligence.Prediction;

public sealed class PurchaseProbabilityTests
{
    [Fact]
    public void GaussLegendre_ExactForPolynomialsAndAccurateForExp()
    {
        Assert.Equal(2.0 / 3, GaussLegendre.Integrate(x => x * x, -1, 1), 13);
        Assert.Equal(Math.E - 1, GaussLegendre.Integrate(Math.Exp, 0, 1), 13);
        Assert.Equal(0, GaussLegendre.Integrate(x => 1 / x, 2, 2));
    }

    [Theory]
    [InlineData(0, 0, 39)]
    [InlineData(3, 20, 39)]
    [InlineData(40, 30, 5)]
    public void ParetoNbd_WithoutDropout_IsTheNbdClosedForm(double x, double t, double horizon)
    {
        // With s → 0 nobody drops out, and the quadrature must give BG/NBD's closed form (which ignores a and b):
        // 1 − ((α + T)/(α + T + t))^(r + x). Two different derivations of the same quantity.
        var pareto = new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.578, 1e-12, 11.669));
        var bg = new BgNbdModel(new BgNbdParameters(0.553, 10.578, 0.5, 2));

        Assert.Equal(bg.ProbabilityOfPurchaseIfAlive(horizon, x, t), pareto.ProbabilityOfPurchaseIfAlive(horizon, x, t), 10);
    }

    [Fact]
    public void ParetoNbd_DropoutMakesAPurchaseLessLikely()
    {
        var stays = new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.578, 1e-12, 11.669));
        var leaves = new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.578, 0.606, 11.669));

        Assert.True(leaves.ProbabilityOfPurchaseIfAlive(39, 2, 30) < stays.ProbabilityOfPurchaseIfAlive(39, 2, 30));
        Assert.Equal(0, leaves.ProbabilityOfPurchaseIfAlive(0, 2, 30));
    }

    [Fact]
    public void BgNbd_ProbabilityNeverAboveTheExpectedCount()
    {
        // P(N ≥ 1) ≤ E[N] for any count: a check that both come from one model.
        var model = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
        foreach (var (x, t) in new[] { (0.0, 1.0), (2.0, 38.86), (10.0, 30.0) })
        {
            Assert.True(model.ProbabilityOfPurchaseIfAlive(39, x, t) <= model.ExpectedPurchasesIfAlive(39, x, t));
        }
    }
}
