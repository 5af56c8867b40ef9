using Microsoft.Extensions.Configuration;
using Rekindle.Core.Consent;

namespace Rekindle.Engine.Consent;

/// <summary>The consent settings (configuration section <see cref="SectionName"/>), read and checked on start.</summary>
public static class ConsentOptions
{
    public const string SectionName = "Consent";

    /// <summary>The rules the configuration asks for; a value that is not a boolean stops the start, naming the key.</summary>
    public static ConsentRules Read(IConfiguration configuration)
    {
        var key = SectionName + ":" + nameof(ConsentRules.MarketingToUnknown);
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return ConsentRules.Default;
        }

        return bool.TryParse(raw.Trim(), out var value)
            ? new ConsentRules(value)
            : throw new InvalidOperationException($"Consent configuration is not valid: {key} '{raw}' must be true or false.");
    }
}
