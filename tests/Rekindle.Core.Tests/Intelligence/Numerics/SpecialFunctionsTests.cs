using Rekindle.Core.Intelligence.Numerics;

namespace Rekindle.Core.Tests.Intelligence.Numerics;

public class SpecialFunctionsTests
{
    private const double EulerGamma = 0.57721566490153286061;

    [Fact]
    public void LogGamma_Integers_IsTheLogFactorial()
    {
        double logFactorial = 0; // ln((n − 1)!)
        for (int n = 1; n <= 200; n++)
        {
            Assert.Equal(logFactorial, SpecialFunctions.LogGamma(n), Math.Max(1e-13, 1e-14 * logFactorial));
            logFactorial += Math.Log(n);
        }
    }

    [Theory]
    [InlineData(0.5, 0.57236494292470008707, 1)] // ln √π
    [InlineData(-0.5, 1.26551212348464539649, -1)] // Γ(−1/2) = −2√π
    [InlineData(-1.5, 0.86004701537648101451, 1)] // Γ(−3/2) = 4√π/3
    [InlineData(1e-8, 18.420680738180208905, 1)] // ≈ −ln x − γx
    public void LogGamma_KnownValues_HaveTheirMagnitudeAndSign(double x, double expected, int expectedSign)
    {
        Assert.Equal(expected, SpecialFunctions.LogGamma(x, out int sign), 1e-13);
        Assert.Equal(expectedSign, sign);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void LogGamma_Pole_IsInfiniteWithSignZero(double x)
    {
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(x, out int sign));
        Assert.Equal(0, sign);
    }

    [Fact]
    public void LogGamma_LargeArgument_DoesNotOverflow()
    {
        // Stirling: ln Γ(1e6) = (1e6 − 1/2) ln 1e6 − 1e6 + ln √(2π) + 1/(12e6) − …
        double expected = (1e6 - 0.5) * Math.Log(1e6) - 1e6 + 0.5 * Math.Log(2 * Math.PI) + 1 / 12e6;
        Assert.Equal(expected, SpecialFunctions.LogGamma(1e6), 1e-7);
    }

    [Fact]
    public void Digamma_KnownValuesAndRecurrence_Hold()
    {
        Assert.Equal(-EulerGamma, SpecialFunctions.Digamma(1), 1e-14);
        Assert.Equal(-EulerGamma - 2 * Math.Log(2), SpecialFunctions.Digamma(0.5), 1e-14);
        foreach (double x in new[] { 0.01, 0.3, 2.5, 11.7, 40.2 })
        {
            Assert.Equal(SpecialFunctions.Digamma(x) + 1 / x, SpecialFunctions.Digamma(x + 1), 1e-12);
        }
    }

    [Theory]
    [InlineData(1e-10, 1.00000000005e-10)]
    [InlineData(-1e-10, -9.9999999995e-11)]
    [InlineData(1.0, 1.71828182845904523536)]
    [InlineData(-40.0, -1.0)]
    public void ExpM1_SmallAndLargeArguments_IsAccurate(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.ExpM1(x), Math.Abs(expected) * 1e-15);
    }

    [Theory]
    [InlineData(1e-12, 9.999999999995e-13)]
    [InlineData(-1e-12, -1.0000000000005e-12)]
    [InlineData(1.0, 0.69314718055994530942)]
    public void Log1P_SmallAndLargeArguments_IsAccurate(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.Log1P(x), Math.Abs(expected) * 1e-15);
    }

    [Fact]
    public void LogSumExp_HugeOrInfiniteTerms_DoesNotOverflow()
    {
        Assert.Equal(1000 + Math.Log(2), SpecialFunctions.LogSumExp(1000, 1000), 1e-12);
        Assert.Equal(3, SpecialFunctions.LogSumExp(double.NegativeInfinity, 3));
        Assert.Equal(-5000, SpecialFunctions.LogSumExp(-5000, -6000));
    }

    [Fact]
    public void LogDiffExp_CloseTerms_KeepsPrecision()
    {
        // ln(e^0 − e^−1e−12) = ln(1 − e^−1e−12) ≈ ln(1e−12)
        Assert.Equal(Math.Log(1e-12) - 0.5e-12, SpecialFunctions.LogDiffExp(0, -1e-12), 1e-9);
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.LogDiffExp(2, 2));
        Assert.True(double.IsNaN(SpecialFunctions.LogDiffExp(1, 2)));
    }

    [Fact]
    public void InverseOnePlusExp_Extremes_AreExactZeroAndOne()
    {
        Assert.Equal(0.0, SpecialFunctions.InverseOnePlusExp(2000));
        Assert.Equal(1.0, SpecialFunctions.InverseOnePlusExp(-2000));
        Assert.Equal(0.5, SpecialFunctions.InverseOnePlusExp(0));
    }
}
