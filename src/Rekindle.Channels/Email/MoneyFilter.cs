using System.Globalization;
using Fluid;
using Fluid.Values;

namespace Rekindle.Channels.Email;

/// <summary>
/// The <c>money</c> Liquid filter: <c>{{ 19.9 | money }}</c> is "19.90", <c>{{ 19.9 | money: "EUR" }}</c> is
/// "€19.90", and a currency without a known symbol is written after the amount ("19.90 CHF").
/// Always invariant culture, so the same template renders the same on every server.
/// </summary>
public static class MoneyFilter
{
    private sealed record Currency(string Symbol, int Decimals);

    // Only the currencies whose symbol is unambiguous; everything else reads fine as an ISO code.
    private static readonly Dictionary<string, Currency> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = new("$", 2),
        ["EUR"] = new("€", 2),
        ["GBP"] = new("£", 2),
        ["JPY"] = new("¥", 0),
    };

    /// <summary>Formats <paramref name="amount"/>; <paramref name="currency"/> is an ISO 4217 code or null.</summary>
    public static string Format(decimal amount, string? currency)
    {
        var code = string.IsNullOrWhiteSpace(currency) ? null : currency.Trim().ToUpperInvariant();
        var known = code is not null && Symbols.TryGetValue(code, out var found) ? found : null;
        var decimals = known?.Decimals ?? 2;
        var rounded = Math.Round(Math.Abs(amount), decimals, MidpointRounding.AwayFromZero);
        var digits = rounded.ToString(decimals == 0 ? "#,0" : "#,0." + new string('0', decimals), CultureInfo.InvariantCulture);
        var sign = amount < 0 && rounded != 0 ? "-" : "";
        if (known is not null)
        {
            return sign + known.Symbol + digits;
        }

        return code is null ? sign + digits : $"{sign}{digits} {code}";
    }

    internal static ValueTask<FluidValue> Apply(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var currency = arguments.Count > 0 ? arguments.At(0).ToStringValue() : null;
        switch (input.Type)
        {
            case FluidValues.Number:
                return new(StringValue.Create(Format(input.ToNumberValue(), currency)));
            case FluidValues.String when decimal.TryParse(
                input.ToStringValue(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed):
                return new(StringValue.Create(Format(parsed, currency)));
            default:
                // Blank stays blank and text that is not a number is shown as is, rather than failing the send.
                return new(input);
        }
    }
}
