using System.Text;

namespace Rekindle.Channels.Email;

/// <summary>The SMTP relay, bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed record SmtpOptions
{
    public const string SectionName = "Smtp";

    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    public SmtpSecurity Security { get; init; } = SmtpSecurity.Auto;

    /// <summary>When empty the transport does not authenticate.</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>The default sender, e.g. "Shop &lt;shop@example.com&gt;".</summary>
    public string? From { get; init; }

    /// <summary>Applies to connecting and to each SMTP command.</summary>
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>Connections kept open and used in parallel.</summary>
    public int MaxConnections { get; init; } = 2;

    /// <summary>True once a host is set; until then the dev mailbox takes the mail.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Every problem, each naming its configuration key; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            errors.Add($"{SectionName}:Host is required.");
        }

        if (Port is < 1 or > 65535)
        {
            errors.Add($"{SectionName}:Port must be between 1 and 65535 (was {Port}).");
        }

        if (!Enum.IsDefined(Security))
        {
            errors.Add($"{SectionName}:Security must be one of None, StartTls, SslOnConnect, Auto (was {(int)Security}).");
        }

        if (string.IsNullOrWhiteSpace(From))
        {
            errors.Add($"{SectionName}:From is required (e.g. \"Shop <shop@example.com>\").");
        }
        else if (!EmailAddress.TryParse(From, out _))
        {
            errors.Add($"{SectionName}:From '{From}' is not an email address (expected e.g. \"Shop <shop@example.com>\").");
        }

        if (!string.IsNullOrEmpty(Password) && string.IsNullOrWhiteSpace(UserName))
        {
            errors.Add($"{SectionName}:UserName is required when {SectionName}:Password is set.");
        }

        if (!string.IsNullOrWhiteSpace(UserName) && string.IsNullOrEmpty(Password))
        {
            errors.Add($"{SectionName}:Password is required when {SectionName}:UserName is set.");
        }

        if (TimeoutSeconds < 1)
        {
            errors.Add($"{SectionName}:TimeoutSeconds must be at least 1 (was {TimeoutSeconds}).");
        }

        if (MaxConnections < 1)
        {
            errors.Add($"{SectionName}:MaxConnections must be at least 1 (was {MaxConnections}).");
        }

        return errors;
    }

    /// <summary>The parsed <see cref="From"/>.</summary>
    /// <exception cref="FormatException">From is missing or not an address.</exception>
    public EmailAddress FromAddress() => EmailAddress.Parse(From ?? "");

    // Options end up in logs and exception messages; the secret must not.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Host = {Host}, Port = {Port}, Security = {Security}, UserName = {UserName}, ");
        builder.Append($"Password = {(Password is null ? "" : "***")}, From = {From}, ");
        builder.Append($"TimeoutSeconds = {TimeoutSeconds}, MaxConnections = {MaxConnections}");
        return true;
    }
}
