using Microsoft.Extensions.Configuration;
using Rekindle.Core.Consent;
using Rekindle.Engine.Consent;

namespace Rekindle.Engine.Tests.Consent;

public sealed class ConsentOptionsTests
{
    private static IConfiguration Config(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Consent:MarketingToUnknown"] = value }).Build();

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("false", false)]
    [InlineData(" True ", true)]
    public void Read_SettingOrNone_Rules(string? value, bool expected) =>
        Assert.Equal(new ConsentRules(expected), ConsentOptions.Read(Config(value)));

    [Fact]
    public void Read_NotABoolean_StopsTheStartNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConsentOptions.Read(Config("sometimes")));

        Assert.Equal("Consent configuration is not valid: Consent:MarketingToUnknown 'sometimes' must be true or false.", error.Message);
    }
}
