using System.Globalization;

namespace Rekindle.Core.Coupons;

public enum CouponValueKind
{
    /// <summary>A share of the order: <see cref="CouponValue.Amount"/> is 0 &lt; p ≤ 100.</summary>
    PercentOff,

    /// <summary>A fixed amount in <see cref="CouponValue.Currency"/>.</summary>
    AmountOff,
}

/// <summary>What a coupon is worth. The shop's checkout applies it; Rekindle decides it and records it.</summary>
public sealed record CouponValue(CouponValueKind Kind, decimal Amount, string? Currency)
{
    public static CouponValue PercentOff(decimal percent) => new(CouponValueKind.PercentOff, percent, null);

    public static CouponValue AmountOff(decimal amount, string currency) => new(CouponValueKind.AmountOff, amount, currency);

    /// <summary>"15%" or "10.00 GBP": for templates that do not want to format it themselves, and for reports.</summary>
    public string Display => Kind == CouponValueKind.PercentOff
        ? Amount.ToString("0.##", CultureInfo.InvariantCulture) + "%"
        : Amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + Currency;
}
