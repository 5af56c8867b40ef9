using System.Globalization;

namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// Reads the CDNOW_master layout: whitespace-separated "customer_id yyyymmdd number_of_cds dollar_value" lines,
/// with an optional header line — and the CDNOW_sample layout, which has the sample id as a second column. A line that does not fit is an error naming its number: a model report computed
/// over silently dropped rows would mislead the analyst who trusts it.
/// </summary>
public static class CdnowTransactionReader
{
    public static IEnumerable<Transaction> Read(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length == 0 || (number == 1 && !char.IsAsciiDigit(fields[0][0])))
            {
                continue; // blank line or the header
            }

            var shift = fields.Length - 4; // 1 in the sample layout: its second column is the sample id
            if (shift is not (0 or 1)
                || !DateOnly.TryParseExact(fields[1 + shift], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || !decimal.TryParse(fields[3 + shift], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                throw new FormatException(
                    $"line {number}: expected 'customer_id yyyymmdd number_of_cds dollar_value', got '{line.Trim()}'");
            }

            yield return new Transaction(fields[0], date, amount);
        }
    }
}
