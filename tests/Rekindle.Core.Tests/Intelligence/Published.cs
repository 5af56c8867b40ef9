namespace Rekindle.Core.Tests.Intelligence;

/// <summary>The comparisons the sources of EXPECTED.md use, so each assertion applies the tolerance its source did.</summary>
internal static class Published
{
    /// <summary>numpy's <c>assert_almost_equal(actual, expected, decimal=d)</c>: |expected − actual| &lt; 1.5 · 10^−d.</summary>
    public static void AlmostEqual(double expected, double actual, int decimals, string what = "")
    {
        double bound = 1.5 * Math.Pow(10, -decimals);
        Assert.True(Math.Abs(expected - actual) < bound, $"{what}: expected {expected} to {decimals} decimals, got {actual}");
    }

    /// <summary>
    /// R testthat's <c>expect_equal(actual, expected, tolerance = t)</c> on a vector: mean |expected − actual| /
    /// mean |expected| &lt; t.
    /// </summary>
    public static void TestthatEqual(double[] expected, double[] actual, double tolerance, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        double difference = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Average();
        double scale = expected.Average(Math.Abs);
        Assert.True(difference / scale < tolerance,
            $"{what}: expected [{string.Join(", ", expected)}] within {tolerance} (testthat relative), got [{string.Join(", ", actual)}]");
    }

    /// <summary>|expected − actual| ≤ tolerance · |expected|.</summary>
    public static void Relative(double expected, double actual, double tolerance, string what = "")
    {
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Abs(expected),
            $"{what}: expected {expected} within {tolerance} relative, got {actual}");
    }
}
