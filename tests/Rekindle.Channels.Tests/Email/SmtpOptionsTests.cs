using Rekindle.Channels.Email;

namespace Rekindle.Channels.Tests.Email;

public sealed class SmtpOptionsTests
{
    private static readonly SmtpOptions Valid = new()
    {
        Host = "smtp.example.com",
        Port = 587,
        Security = SmtpSecurity.StartTls,
        UserName = "shop",
        Password = "s3cret-Pa55",
        From = "Shop <shop@example.com>",
    };

    [Fact]
    public void Defaults_AreSmtpPort25AutoSecurityAnd30sTimeout()
    {
        var options = new SmtpOptions();

        Assert.Equal(25, options.Port);
        Assert.Equal(SmtpSecurity.Auto, options.Security);
        Assert.Equal(30, options.TimeoutSeconds);
        Assert.Equal(2, options.MaxConnections);
        Assert.False(options.IsConfigured);
        Assert.Equal("Smtp", SmtpOptions.SectionName);
    }

    [Fact]
    public void Validate_CompleteOptions_NoErrors()
    {
        Assert.Empty(Valid.Validate());
    }

    [Fact]
    public void Validate_Empty_NamesHostAndFrom()
    {
        Assert.Equal(
            ["Smtp:Host is required.", "Smtp:From is required (e.g. \"Shop <shop@example.com>\")."],
            new SmtpOptions().Validate());
    }

    [Fact]
    public void Validate_OutOfRangeNumbers_NameTheirKeys()
    {
        var errors = (Valid with { Port = 70000, TimeoutSeconds = 0, MaxConnections = 0 }).Validate();

        Assert.Equal(
            [
                "Smtp:Port must be between 1 and 65535 (was 70000).",
                "Smtp:TimeoutSeconds must be at least 1 (was 0).",
                "Smtp:MaxConnections must be at least 1 (was 0).",
            ],
            errors);
    }

    [Fact]
    public void Validate_FromNotAnAddress_NamesFrom()
    {
        Assert.Equal(
            ["Smtp:From 'Shop' is not an email address (expected e.g. \"Shop <shop@example.com>\")."],
            (Valid with { From = "Shop" }).Validate());
    }

    [Fact]
    public void Validate_UserNameWithoutPassword_NamesPassword()
    {
        Assert.Equal(
            ["Smtp:Password is required when Smtp:UserName is set."],
            (Valid with { Password = null }).Validate());
    }

    [Fact]
    public void Validate_PasswordWithoutUserName_NamesUserName()
    {
        Assert.Equal(
            ["Smtp:UserName is required when Smtp:Password is set."],
            (Valid with { UserName = null }).Validate());
    }

    [Fact]
    public void Validate_UndefinedSecurity_NamesSecurity()
    {
        Assert.Equal(
            ["Smtp:Security must be one of None, StartTls, SslOnConnect, Auto (was 42)."],
            (Valid with { Security = (SmtpSecurity)42 }).Validate());
    }

    [Fact]
    public void ToString_WithPassword_RedactsIt()
    {
        var printed = Valid.ToString();

        Assert.DoesNotContain("s3cret-Pa55", printed, StringComparison.Ordinal);
        Assert.Equal(
            "SmtpOptions { Host = smtp.example.com, Port = 587, Security = StartTls, UserName = shop, Password = ***, "
            + "From = Shop <shop@example.com>, TimeoutSeconds = 30, MaxConnections = 2 }",
            printed);
    }

    [Fact]
    public void ToString_InterpolatedWithPassword_RedactsIt()
    {
        Assert.DoesNotContain("s3cret-Pa55", $"options: {Valid}", StringComparison.Ordinal);
    }

    [Fact]
    public void FromAddress_DisplayNameForm_ParsesBothParts()
    {
        var from = Valid.FromAddress();

        Assert.Equal(new EmailAddress("shop@example.com", "Shop"), from);
        Assert.Equal("example.com", from.Domain);
    }
}
