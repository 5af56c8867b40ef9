using Rekindle.Core.Intelligence.Numerics;

namespace Rekindle.Core.Tests.Intelligence.Numerics;

public sealed class DecayIntegralTests
{
    [Theory]
    [InlineData(60, 1.6, 0.995)]
    [InlineData(60, 55, 0.995)]
    [InlineData(45, 1.2, 0.9)]
    [InlineData(500, 300.5, 0.999)]
    public void Log_IsEulersIntegralOfTheHypergeometricFunction(double k, double p, double z)
    {
        // ₂F₁(k, p; k + 1; z) = k ∫₀^∞ e^(−ku) (1 − z e^(−u))^(−p) du: the integral against the power series, which
        // still converges here (slowly).
        Assert.Equal(Hypergeometric.Log2F1(k, p, k + 1, z), Math.Log(k) + DecayIntegral.Log(k, p, z), 9);
    }

    [Fact]
    public void Log_WithoutTheSecondFactor_IsOneOverK()
    {
        Assert.Equal(-Math.Log(250), DecayIntegral.Log(250, 0, 0.5), 12);
        Assert.Equal(-Math.Log(3), DecayIntegral.Log(3, 2, 0), 12);
    }

    [Fact]
    public void Log_OutsideItsDomain_NaN()
    {
        Assert.True(double.IsNaN(DecayIntegral.Log(0, 1, 0.5)));
        Assert.True(double.IsNaN(DecayIntegral.Log(5, 1, 1)));
    }
}
