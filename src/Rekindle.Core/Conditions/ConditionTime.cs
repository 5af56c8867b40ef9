using System.Globalization;
using System.Text.RegularExpressions;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Conditions;

/// <summary>Times and windows in the condition language: ISO-8601 instants, "-7d"-style offsets, window lengths.</summary>
public static partial class ConditionTime
{
    /// <summary>The longest window or offset a condition may name: ten years, enough for "customer for 5 years".</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(3653);

    public const string Now = "now";

    internal const string IsoProblem =
        "an ISO-8601 date or date and time (\"2026-01-31\", \"2026-01-31T09:00:00+01:00\")";

    internal const string RelativeProblem =
        "must be \"now\", a signed duration (\"-7d\": 7 days ago, \"+7d\": in 7 days) or " + IsoProblem;

    internal const string DurationProblem =
        "must be a duration up to 10 years: short (\"30d\", \"12h\") or ISO-8601 (\"P30D\", \"P2W\")";

    /// <summary>
    /// An ISO-8601 date ("2026-01-31": midnight UTC) or date and time; without an offset the time is UTC. Only the
    /// ISO forms: "01/02/2026" means two different days in two locales, so it is no date here.
    /// </summary>
    public static bool TryParseIso(string? text, out DateTimeOffset at)
    {
        at = default;
        return text is not null
            && IsoPattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
    }

    /// <summary>The ISO form <see cref="TryParseIso"/> reads back to the same instant: a bare date when it is midnight UTC.</summary>
    public static string FormatIso(DateTimeOffset at) =>
        at.Offset == TimeSpan.Zero && at.TimeOfDay == TimeSpan.Zero
            ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A positive window length of at most <see cref="MaxSpan"/>, in whole seconds.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration) =>
        FlowDuration.TryParse(text ?? "", out duration) && duration > TimeSpan.Zero && duration <= MaxSpan;

    /// <summary>"now", "-7d" or "+7d" (the sign is required: "7d" alone would leave past or future to a guess).</summary>
    public static bool TryParseRelative(string? text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text == Now)
        {
            return true;
        }

        if (text is not { Length: > 1 } || text[0] is not ('-' or '+') || !TryParseDuration(text[1..], out TimeSpan span))
        {
            return false;
        }

        offset = text[0] == '-' ? -span : span;
        return true;
    }

    public static string FormatRelative(TimeSpan offset) =>
        offset == TimeSpan.Zero ? Now
        : offset < TimeSpan.Zero ? "-" + FlowDuration.Format(-offset)
        : "+" + FlowDuration.Format(offset);

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,7})?)?(?:Z|[+\-][0-9]{2}:?[0-9]{2})?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();
}
