using Rekindle.Core.Contacts;

namespace Rekindle.Core.Tests.Contacts;

public sealed class ContactPointsTests
{
    [Theory]
    [InlineData(" Ann.Lee@Shop.COM ", "ann.lee@shop.com")]
    [InlineData("a@b", "a@b")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    [InlineData("ann.shop.com", null)]
    [InlineData("@shop.com", null)]
    [InlineData("ann@", null)]
    [InlineData("ann@x@shop.com", null)]
    [InlineData("ann lee@shop.com", null)]
    public void NormalizeEmail_Input_ReturnsExpected(string? input, string? expected)
    {
        Assert.Equal(expected, ContactPoints.NormalizeEmail(input));
    }

    [Theory]
    [InlineData("+49 (170) 123-4567", "+491701234567")]
    [InlineData("0049 170 1234567", "+491701234567")]
    [InlineData("+1.415.555.2671", "+14155552671")]
    [InlineData("0170/1234567", "01701234567")]
    [InlineData("123456", "123456")]
    [InlineData("12345", null)]
    [InlineData("+1234567890123456", null)]
    [InlineData("+49 170 CALL-ME", null)]
    [InlineData("++49170123456", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void NormalizePhone_Input_ReturnsExpected(string? input, string? expected)
    {
        Assert.Equal(expected, ContactPoints.NormalizePhone(input));
    }
}
