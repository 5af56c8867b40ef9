using System.Globalization;
using System.Text.RegularExpressions;

namespace Rekindle.Core.Flows;

/// <summary>
/// Durations in flow JSON: ISO-8601 ("PT24H", "P1D", "P2W", "P1DT12H") or short forms ("24h", "30m",
/// "5s", "2d", "1d12h"), in whole seconds. Years and months are refused: they have no fixed length.
/// </summary>
public static partial class FlowDuration
{
    /// <summary>The longest wait a flow may hold: three years, leap day included.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays((3 * 365) + 1);

    // More digits than this cannot be a valid wait; capping them keeps the arithmetic within a long.
    private const int MaxDigits = 12;

    private static readonly (string Group, long Seconds)[] Units =
        [("w", 7 * 86400), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)];

    /// <summary>
    /// Reads a duration. A syntactically valid but absurdly long one (beyond <see cref="TimeSpan"/>)
    /// comes back as <see cref="TimeSpan.MaxValue"/>, so the caller reports it as too long, not as garbage.
    /// </summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        Match m = IsoPattern().Match(text);
        if (!m.Success)
        {
            m = ShortPattern().Match(text);
        }

        // Both patterns make every part optional, so "P", "PT" and "" match; a duration needs one number.
        bool anyPart = Units.Any(u => m.Groups[u.Group].Success);
        bool emptyTimePart = m.Groups["t"].Success && !(m.Groups["h"].Success || m.Groups["m"].Success || m.Groups["s"].Success);
        if (!m.Success || !anyPart || emptyTimePart)
        {
            duration = default;
            return false;
        }

        long total = 0;
        foreach ((string group, long unitSeconds) in Units)
        {
            Group g = m.Groups[group];
            if (!g.Success)
            {
                continue;
            }

            if (g.Length > MaxDigits)
            {
                duration = TimeSpan.MaxValue;
                return true;
            }

            total += long.Parse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture) * unitSeconds;
        }

        duration = total > (long)TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(total);
        return true;
    }

    /// <summary>
    /// The short form in the largest unit that divides the duration exactly ("1d", "36h", "90s").
    /// Fractions of a second are dropped: flow durations are whole seconds.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        long seconds = (long)Math.Floor(duration.TotalSeconds);
        (long size, string unit) =
            seconds == 0 ? (1L, "s")
            : seconds % 86400 == 0 ? (86400L, "d")
            : seconds % 3600 == 0 ? (3600L, "h")
            : seconds % 60 == 0 ? (60L, "m")
            : (1L, "s");
        return (seconds / size).ToString(CultureInfo.InvariantCulture) + unit;
    }

    [GeneratedRegex(@"\AP(?:(?<w>[0-9]+)W)?(?:(?<d>[0-9]+)D)?(?<t>T(?:(?<h>[0-9]+)H)?(?:(?<m>[0-9]+)M)?(?:(?<s>[0-9]+)S)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"\A(?:(?<d>[0-9]+)d)?(?:(?<h>[0-9]+)h)?(?:(?<m>[0-9]+)m)?(?:(?<s>[0-9]+)s)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex ShortPattern();
}
