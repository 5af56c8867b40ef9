namespace Rekindle.Core.Orders;

/// <summary>
/// A fast reader for the one shape nearly every export uses, "yyyy-MM-dd HH:mm[:ss]" (or with a 'T'):
/// the framework's format-list parsing costs more than reading the rest of the row, and a file of orders
/// repeats this shape half a million times. Anything else falls through to the layouts' full parsing.
/// </summary>
internal static class ClockTime
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        if (text.Length is not (16 or 19)
            || text[4] != '-' || text[7] != '-' || text[10] is not (' ' or 'T') || text[13] != ':'
            || (text.Length == 19 && text[16] != ':'))
        {
            return false;
        }

        if (!TryDigits(text[..4], out var year) || !TryDigits(text[5..7], out var month) || !TryDigits(text[8..10], out var day)
            || !TryDigits(text[11..13], out var hour) || !TryDigits(text[14..16], out var minute))
        {
            return false;
        }

        var second = 0;
        if (text.Length == 19 && !TryDigits(text[17..19], out second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
