using Rekindle.Core.Intelligence.SendTime;

namespace Rekindle.Core.Tests.Intelligence.SendTime;

public sealed class SendTimeChooserTests
{
    // Monday 2026-11-23 is hour-of-week 0 at 00:00 UTC.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void HourOfWeek_MondayMidnightAndSundayLastHour_0And167()
    {
        Assert.Equal(0, HourOfWeek.Of(Monday));
        Assert.Equal(167, HourOfWeek.Of(Monday.AddDays(6).AddHours(23).AddMinutes(59)));
        Assert.Equal(24 + 20, HourOfWeek.Of(new DateTimeOffset(2026, 11, 24, 21, 30, 0, TimeSpan.FromHours(1)))); // Tue 20:30 UTC
    }

    [Fact]
    public void Choose_ContactWithLongHistory_ItsOwnPeakInsideTheWindow()
    {
        var contact = new double[HourOfWeek.Count];
        contact[24 + 20] = 40; // Tuesdays 20:00
        var shop = new double[HourOfWeek.Count];
        shop[24 + 9] = 1_000;  // the shop at large: Tuesdays 09:00

        var choice = SendTimeChooser.Choose(contact, shop, Monday.AddHours(10), Monday.AddHours(58));

        // Shares after shrinkage (k = 10): Tue 20:00 = (40 + 0)/50 = 0.8, Tue 09:00 = (0 + 10·1)/50 = 0.2.
        Assert.Equal(Monday.AddHours(24 + 20), choice.SendAt);
        Assert.Equal(44, choice.HourOfWeek);
        Assert.Equal(40, choice.ContactEvents);
        Assert.Equal(0.8, choice.Weight, 1e-12);
    }

    [Fact]
    public void Choose_NewContact_TheShopsPeak()
    {
        var shop = new double[HourOfWeek.Count];
        shop[24 + 9] = 1_000;

        var choice = SendTimeChooser.Choose(new double[HourOfWeek.Count], shop, Monday.AddHours(10), Monday.AddHours(58));

        Assert.Equal(Monday.AddHours(24 + 9), choice.SendAt);
        Assert.Equal(1.0, choice.Weight, 1e-12);
    }

    [Fact]
    public void Choose_FewOwnEventsAgainstAStrongShopPattern_ShrinksTowardTheShop()
    {
        var contact = new double[HourOfWeek.Count];
        contact[24 + 20] = 2;
        var shop = new double[HourOfWeek.Count];
        shop[24 + 9] = 1_000;

        var choice = SendTimeChooser.Choose(contact, shop, Monday.AddHours(10), Monday.AddHours(58));

        // Tue 20:00 = 2/12 ≈ 0.167 against Tue 09:00 = 10/12 ≈ 0.833: two clicks do not outvote the shop.
        Assert.Equal(Monday.AddHours(24 + 9), choice.SendAt);
        Assert.Equal(10.0 / 12, choice.Weight, 1e-12);
    }

    [Fact]
    public void Choose_PeakOutsideTheWindow_BestHourInsideIt()
    {
        var contact = new double[HourOfWeek.Count];
        contact[24 + 20] = 40;
        contact[12] = 10; // Mondays 12:00

        var choice = SendTimeChooser.Choose(contact, new double[HourOfWeek.Count], Monday.AddHours(10), Monday.AddHours(20));

        Assert.Equal(Monday.AddHours(12), choice.SendAt);
    }

    [Fact]
    public void Choose_WindowEndsBeforeItStarts_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SendTimeChooser.Choose(new double[HourOfWeek.Count], new double[HourOfWeek.Count], Monday.AddHours(2), Monday));

        Assert.Equal("the window ends (2026-11-23T00:00:00.0000000+00:00) before it starts (2026-11-23T02:00:00.0000000+00:00)", error.Message);
    }
}
