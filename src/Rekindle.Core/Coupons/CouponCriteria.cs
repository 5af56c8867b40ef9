using System.Collections.Immutable;

namespace Rekindle.Core.Coupons;

/// <summary>
/// The "when" of a tier. Every stated condition must hold; an unstated one does not count. A contact without
/// the score a condition needs does not match it (an unscored contact is not a Champion, nor a big spender).
/// </summary>
/// <param name="RfmSegments">Any of these segments (case-insensitive); empty: any segment or none.</param>
/// <param name="ChurnRisks">Any of these risk levels; empty: any.</param>
public sealed record CouponCriteria(
    ImmutableArray<string> RfmSegments,
    ImmutableArray<string> ChurnRisks,
    decimal? MinExpectedOrderValue,
    decimal? MinClv)
{
    public static readonly CouponCriteria Always = new([], [], null, null);

    public bool IsAlways => RfmSegments.IsDefaultOrEmpty && ChurnRisks.IsDefaultOrEmpty && MinExpectedOrderValue is null && MinClv is null;

    public bool Matches(CouponFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return AnyOf(RfmSegments, facts.RfmSegment)
            && AnyOf(ChurnRisks, facts.ChurnRisk)
            && AtLeast(MinExpectedOrderValue, facts.ExpectedOrderValue)
            && AtLeast(MinClv, facts.Clv);
    }

    private static bool AnyOf(ImmutableArray<string> allowed, string? actual) =>
        allowed.IsDefaultOrEmpty || (actual is not null && allowed.Contains(actual, StringComparer.OrdinalIgnoreCase));

    private static bool AtLeast(decimal? minimum, decimal? actual) => minimum is null || actual >= minimum;
}
