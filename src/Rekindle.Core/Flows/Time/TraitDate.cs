using System.Globalization;
using System.Text.Json;

namespace Rekindle.Core.Flows.Time;

/// <summary>
/// A calendar date held in a trait: "1990-02-28", a year-less "--02-28" (ISO 8601's month-day, how some shops store
/// birthdays), or an ISO date-time whose date part counts as written ("2027-03-31T00:00:00Z" is 31 March, whatever the
/// zone: a subscription that ends on the 31st ends on the 31st in the shopper's calendar).
/// </summary>
public sealed record TraitDate(int? Year, int Month, int Day)
{
    public static TraitDate? Read(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? Parse(value.GetString()) : null;

    public static TraitDate? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (text.StartsWith("--", StringComparison.Ordinal))
        {
            // --MM-DD: any year; 29 February is a valid birthday.
            return text.Length == 7 && text[4] == '-' && TryNumber(text[2..4], out int m) && TryNumber(text[5..7], out int d)
                && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(2000, m)
                ? new TraitDate(null, m, d)
                : null;
        }

        string datePart = text.Length > 10 && (text[10] == 'T' || text[10] == ' ') ? text[..10] : text;
        return DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            && (datePart.Length == text.Length || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            ? new TraitDate(date.Year, date.Month, date.Day)
            : null;
    }

    /// <summary>
    /// This date's anniversary in <paramref name="year"/>. 29 February falls on 28 February in a non-leap year: the
    /// last day of the shopper's birthday month, never skipped, never pushed into March.
    /// </summary>
    public DateOnly In(int year) =>
        new(year, Month, Month == 2 && Day == 29 && !DateTime.IsLeapYear(year) ? 28 : Day);

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
