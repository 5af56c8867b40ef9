namespace Rekindle.Channels.Email;

/// <summary>How the SMTP connection is secured; bound from the strings "None", "StartTls", "SslOnConnect", "Auto".</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,

    None,

    /// <summary>STARTTLS, and fail when the server does not offer it.</summary>
    StartTls,

    SslOnConnect,
}
