using Rekindle.Core.Flows;

namespace Rekindle.Core.Tests.Flows;

public class FlowDurationTests
{
    [Theory]
    [InlineData("PT24H", 86400)]
    [InlineData("P1D", 86400)]
    [InlineData("P2W", 14 * 86400)]
    [InlineData("PT1H30M", 5400)]
    [InlineData("PT90S", 90)]
    [InlineData("24h", 86400)]
    [InlineData("1d12h", 129600)]
    [InlineData("90m", 5400)]
    [InlineData("0s", 0)]
    public void TryParse_ValidText_GivesSeconds(string text, long seconds)
    {
        Assert.True(FlowDuration.TryParse(text, out TimeSpan duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("PT1.5S")]
    [InlineData("pt24h")]
    [InlineData("24H")]
    [InlineData("1h1d")]
    [InlineData(" 24h")]
    [InlineData("24h\n")]
    [InlineData("-5s")]
    [InlineData("\u0664h")] // an Arabic-Indic four: digits are ASCII only
    [InlineData("1w")]
    public void TryParse_InvalidText_Fails(string text)
    {
        Assert.False(FlowDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(86400, "1d")]
    [InlineData(129600, "36h")]
    [InlineData(5400, "90m")]
    [InlineData(90, "90s")]
    [InlineData(3600, "1h")]
    public void Format_WholeSeconds_UsesTheLargestExactUnit(long seconds, string expected)
    {
        Assert.Equal(expected, FlowDuration.Format(TimeSpan.FromSeconds(seconds)));
    }
}
