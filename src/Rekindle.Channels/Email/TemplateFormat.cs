namespace Rekindle.Channels.Email;

/// <summary>How rendered values are encoded: HTML bodies escape them, text bodies and subjects do not.</summary>
public enum TemplateFormat
{
    Text,
    Html,
}
