using Rekindle.Core.Intelligence.Rfm;

namespace Rekindle.Core.Tests.Intelligence.Rfm;

public class RfmInputBuilderTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_OrdersInAndOutOfWindow_CountsOnlyThoseInside()
    {
        var builder = new RfmInputBuilder(RfmWindow.Ending(Now, TimeSpan.FromDays(365)));

        Assert.True(builder.Add("b", Now.AddDays(-10), 20m));
        Assert.False(builder.Add("a", Now.AddDays(-400), 1000m));
        Assert.True(builder.Add("a", Now.AddDays(-30), 5.5m));
        Assert.True(builder.Add("b", Now.AddDays(-100), 30m));
        Assert.True(builder.Add("a", Now.AddDays(-2), 4.5m));
        Assert.False(builder.Add("c", Now.AddSeconds(1), 7m));
        Assert.False(builder.Add("c", Now.AddDays(-365).AddTicks(-1), 7m));
        Assert.True(builder.Add("c", Now.AddDays(-365), 7m));

        Assert.Equal(3, builder.Customers);
        Assert.Equal(
            [new RfmInput("b", Now.AddDays(-10), 2, 50m), new RfmInput("a", Now.AddDays(-2), 2, 10m), new RfmInput("c", Now.AddDays(-365), 1, 7m)],
            builder.Build());
    }

    [Fact]
    public void Ending_LookBack_StartsThatLongBeforeNowAndEndsAtNow()
    {
        RfmWindow window = RfmWindow.Ending(Now, TimeSpan.FromDays(365));

        Assert.Equal(new RfmWindow(Now.AddDays(-365), Now), window);
        Assert.True(window.Contains(window.Start));
        Assert.True(window.Contains(Now));
        Assert.False(window.Contains(Now.AddTicks(1)));
    }

    [Fact]
    public void Ending_LookBackBeyondTheCalendar_StartsAtTheBeginning()
    {
        Assert.Equal(DateTimeOffset.MinValue, RfmWindow.Ending(Now, TimeSpan.MaxValue).Start);
    }

    [Fact]
    public void Ending_NonPositiveLookBack_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmWindow.Ending(Now, TimeSpan.Zero));
    }
}
