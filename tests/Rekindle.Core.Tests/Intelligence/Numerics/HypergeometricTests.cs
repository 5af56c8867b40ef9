using Rekindle.Core.Intelligence.Numerics;

namespace Rekindle.Core.Tests.Intelligence.Numerics;

/// <summary>
/// ₂F₁ against closed forms (A&amp;S 15.1), covering each evaluation path: the series, Euler's and Pfaff's
/// transformations, the 1 − z transformation and its interpolation at integer c − a − b.
/// </summary>
public class HypergeometricTests
{
    [Theory]
    [InlineData(-20.0)]
    [InlineData(-0.9)]
    [InlineData(-0.3)]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.79)]
    [InlineData(0.85)] // 1 − z transformation, c − a − b = 0: interpolated
    [InlineData(0.95)]
    [InlineData(0.999)]
    [InlineData(0.999999)]
    public void Value_OneOneTwo_IsMinusLogOneMinusZOverZ(double z)
    {
        double expected = -Math.Log(1 - z) / z;

        Published.Relative(expected, Hypergeometric.Value(1, 1, 2, z), 1e-10);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Value_OneOneThree_MatchesItsClosedFormAtIntegerParameterGap(double z)
    {
        // F(1, 1; 3; z) = Σ 2zⁿ/((n+1)(n+2)) = 2[−ln(1−z)/z − (−ln(1−z) − z)/z²]; c − a − b = 1.
        double log1mz = Math.Log(1 - z);
        double expected = 2 * (-log1mz / z - (-log1mz - z) / (z * z));

        Published.Relative(expected, Hypergeometric.Value(1, 1, 3, z), 1e-10);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Value_HalfHalfThreeHalves_IsArcsinOverX(double xSquared)
    {
        double x = Math.Sqrt(xSquared);

        Published.Relative(Math.Asin(x) / x, Hypergeometric.Value(0.5, 0.5, 1.5, xSquared), 1e-11);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(100.0)]
    public void Value_NegativeArgument_IsArctanOverX(double x)
    {
        Published.Relative(Math.Atan(x) / x, Hypergeometric.Value(0.5, 1, 1.5, -x * x), 1e-11);
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(0.5)]
    [InlineData(0.95)]
    public void Value_CEqualToB_IsAPower(double z)
    {
        Published.Relative(Math.Pow(1 - z, -2.5), Hypergeometric.Value(2.5, 1.7, 1.7, z), 1e-12);
    }

    [Fact]
    public void Value_NegativeIntegerParameter_IsAPolynomial()
    {
        // F(−3, 2; 5; ½) = 1 − 3/5 + 3/20 − 1/70
        Assert.Equal(1 - 0.6 + 0.15 - 1.0 / 70, Hypergeometric.Value(-3, 2, 5, 0.5), 1e-15);
    }

    [Fact]
    public void Log2F1_HugeValue_StaysInLogSpace()
    {
        // F(a, b; b; z) = (1 − z)^(−a): e^2302.6, far beyond double range.
        Assert.Equal(1000 * Math.Log(10), Hypergeometric.Log2F1(1000, 1500, 1500, 0.9), 1e-9);
    }

    [Theory]
    [InlineData(3.1, 0.6, 4.1, 0.93)] // Pareto/NBD shape F(k, s+1; k+1; z)
    [InlineData(30.5, 1.6, 31.5, 0.97)]
    [InlineData(2.4, 1.8, 3.2, 0.9)] // BG/NBD conditional shape, Euler form
    [InlineData(0.7, -0.2, 1.5, 0.95)]
    [InlineData(1, 1, 2.00001, 0.97)] // c − a − b within the interpolation gap of 0
    [InlineData(1, 1, 2.0002, 0.97)] // just outside it: the direct transformation with cancellation
    [InlineData(1, 1, 3.00003, 0.99)]
    public void Log2F1_NearOne_AgreesWithTheLongSeries(double a, double b, double c, double z)
    {
        var reference = Hypergeometric.Series(a, b, c, z, 10_000_000);

        Assert.Equal(1, reference.Sign);
        Assert.Equal(reference.Log, Hypergeometric.Log2F1(a, b, c, z), 1e-10);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    public void Log2F1_ArgumentOneOrMore_IsNaN(double z)
    {
        Assert.True(double.IsNaN(Hypergeometric.Log2F1(1, 1, 2, z)));
    }

    [Fact]
    public void Log2F1_NonPositiveIntegerC_IsNaN()
    {
        Assert.True(double.IsNaN(Hypergeometric.Log2F1(1, 1, -2, 0.5)));
    }
}
