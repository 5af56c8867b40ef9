using Rekindle.Core.Intelligence.Recommendations;

namespace Rekindle.Core.Tests.Intelligence.Recommendations;

public sealed class ProductCodesTests
{
    [Theory]
    [InlineData("85123A", true)]
    [InlineData("22423", true)]
    [InlineData("15056bl", true)]
    [InlineData("POST", false)]
    [InlineData("DOT", false)]
    [InlineData("M", false)]
    [InlineData("C2", false)]
    [InlineData("BANK CHARGES", false)]
    [InlineData("AMAZONFEE", false)]
    [InlineData("gift_0001_20", false)]
    [InlineData("DCGS0003", false)]
    [InlineData("12-34", false)]
    [InlineData("", false)]
    public void IsOnlineRetailStockCode_Code_TellsProductsFromBookkeeping(string code, bool expected) =>
        Assert.Equal(expected, ProductCodes.IsOnlineRetailStockCode(code));
}
