namespace Rekindle.Channels.Email;

/// <summary>
/// How rendered values are encoded: HTML bodies escape them, text bodies and subjects do not, JSON bodies (webhooks)
/// escape them for a JSON string, so a value with a quote or a backslash cannot break the document.
/// </summary>
public enum TemplateFormat
{
    Text,
    Html,
    Json,
}
