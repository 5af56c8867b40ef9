namespace Rekindle.Core.Coupons;

/// <summary>The one spelling of a code that Rekindle stores and looks up.</summary>
public static class CouponCodes
{
    public const int MaxLength = 64;

    /// <summary>
    /// Trimmed and upper-cased: shoppers type codes in any case, and shops echo them back as typed in Order
    /// Completed's <c>coupon</c>. Null for blank input.
    /// </summary>
    public static string? Normalize(string? code)
    {
        var trimmed = code?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.ToUpperInvariant();
    }

    /// <summary>Why an uploaded pool code is unusable, or null when it is fine.</summary>
    public static string? Problem(string? code)
    {
        var normalized = Normalize(code);
        if (normalized is null)
        {
            return "must not be empty";
        }

        if (normalized.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }

        return normalized.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_')
            ? null
            : "may contain only letters, digits, '-' and '_'";
    }
}
