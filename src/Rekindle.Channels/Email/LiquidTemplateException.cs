namespace Rekindle.Channels.Email;

/// <summary>A template that does not parse, or that fails while rendering (e.g. exceeds the step limit).</summary>
public sealed class LiquidTemplateException : Exception
{
    public LiquidTemplateException(string message)
        : base(message)
    {
    }

    public LiquidTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
