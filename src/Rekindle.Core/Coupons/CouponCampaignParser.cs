using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Coupons;

public sealed record CouponCampaignParseResult(CouponCampaign? Campaign, IReadOnlyList<FlowError> Errors)
{
    public bool Succeeded => Campaign is not null;
}

/// <summary>
/// Reads a coupon campaign from JSON, reporting every problem with its path, like the flow language (and with its
/// reader: camelCase, case-sensitive keys, unknown keys are errors).
/// </summary>
/// <example>
/// <code>
/// {"id":"winback","name":"Win-back","codes":"pattern","pattern":"BACK-****-****","validFor":"14d",
///  "tiers":[{"name":"vip","when":{"rfmSegments":["Champions","Loyal"]},"percentOff":20},
///           {"name":"big-basket","when":{"minExpectedOrderValue":80},"amountOff":15,"currency":"GBP"},
///           {"name":"standard","percentOff":10}]}
/// </code>
/// </example>
public static partial class CouponCampaignParser
{
    public const int MaxTiers = 20;

    public static readonly string[] ChurnRiskNames = ["low", "medium", "high"];

    public static CouponCampaignParseResult Parse(string json)
    {
        var (campaign, errors) = JsonObjectReader.ReadDocument(json, Read);
        return new(campaign, errors);
    }

    private static CouponCampaign? Read(JsonElement element, List<FlowError> errors)
    {
        var r = JsonObjectReader.Open(element, "", errors);
        if (r is null)
        {
            return null;
        }

        var id = r.RequiredIdentifier("id");
        var name = r.RequiredString("name");
        var source = ReadSource(r);
        var pattern = ReadPattern(r, source);
        var validFor = ReadValidFor(r);
        var tiers = ReadTiers(r, errors);
        r.RejectUnknown();
        return id is null || name is null || source is null || validFor is null || tiers is null
            || (source == CouponCodeSource.Pattern && pattern is null)
            ? null
            : new CouponCampaign(id, name, source.Value, pattern, validFor.Value, tiers.Value);
    }

    private static CouponCodeSource? ReadSource(JsonObjectReader r)
    {
        var codes = r.RequiredString("codes");
        switch (codes)
        {
            case "pattern":
                return CouponCodeSource.Pattern;
            case "pool":
                return CouponCodeSource.Pool;
            case not null:
                r.Error("codes", "must be \"pattern\" (Rekindle generates codes) or \"pool\" (the shop uploads them)");
                break;
        }

        return null;
    }

    private static CouponCodePattern? ReadPattern(JsonObjectReader r, CouponCodeSource? source)
    {
        if (source == CouponCodeSource.Pool)
        {
            if (r.Get("pattern").ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
            {
                r.Error("pattern", "is only for \"codes\": \"pattern\"; a pool's codes are uploaded");
            }

            return null;
        }

        var text = source == CouponCodeSource.Pattern ? r.RequiredString("pattern") : r.OptionalString("pattern");
        if (text is null)
        {
            return null;
        }

        if (!CouponCodePattern.TryParse(text, out var pattern, out var problem))
        {
            r.Error("pattern", problem);
        }

        return pattern;
    }

    private static TimeSpan? ReadValidFor(JsonObjectReader r)
    {
        var text = r.RequiredString("validFor");
        if (text is null)
        {
            return null;
        }

        if (!FlowDuration.TryParse(text, out var duration) || duration <= TimeSpan.Zero)
        {
            r.Error("validFor", "must be a positive duration such as \"14d\", \"48h\" or \"P30D\"");
            return null;
        }

        if (duration > FlowDuration.Max)
        {
            r.Error("validFor", $"must be at most 3 years ({FlowDuration.Max.TotalDays:0} days)");
            return null;
        }

        return duration;
    }

    private static ImmutableArray<CouponTier>? ReadTiers(JsonObjectReader r, List<FlowError> errors)
    {
        var value = r.Get("tiers");
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxTiers)
        {
            r.Error("tiers", $"must be an array of 1 to {MaxTiers} tiers; the last one without \"when\" (everyone else)");
            return null;
        }

        var before = errors.Count;
        var tiers = new List<CouponTier>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var path = $"{r.PathOf("tiers")}[{index}]";
            var tier = ReadTier(element, path, errors);
            if (tier is not null)
            {
                if (!names.Add(tier.Name))
                {
                    errors.Add(new FlowError($"{path}.name", $"'{tier.Name}' is used by an earlier tier"));
                }

                var last = index == value.GetArrayLength() - 1;
                if (tier.When.IsAlways && !last)
                {
                    errors.Add(new FlowError($"{path}.when", "is required on every tier but the last: the tiers after one without conditions could never be chosen"));
                }
                else if (!tier.When.IsAlways && last)
                {
                    errors.Add(new FlowError($"{path}.when", "must be left out on the last tier, so that every contact gets a value"));
                }

                tiers.Add(tier);
            }

            index++;
        }

        return errors.Count == before ? [.. tiers] : null;
    }

    private static CouponTier? ReadTier(JsonElement element, string path, List<FlowError> errors)
    {
        var r = JsonObjectReader.Open(element, path, errors);
        if (r is null)
        {
            return null;
        }

        var before = errors.Count;
        var name = r.RequiredIdentifier("name");
        var when = ReadCriteria(r, errors);
        var value = ReadValue(r);
        r.RejectUnknown();
        return errors.Count == before && name is not null && when is not null && value is not null ? new CouponTier(name, when, value) : null;
    }

    private static CouponCriteria? ReadCriteria(JsonObjectReader tier, List<FlowError> errors)
    {
        var element = tier.Get("when");
        if (element.ValueKind is JsonValueKind.Undefined)
        {
            return CouponCriteria.Always;
        }

        var r = JsonObjectReader.Open(element, tier.PathOf("when"), errors);
        if (r is null)
        {
            return null;
        }

        var before = errors.Count;
        var segments = ReadNames(r, "rfmSegments", null);
        var risks = ReadNames(r, "churnRisks", ChurnRiskNames);
        var minOrderValue = ReadAmount(r, "minExpectedOrderValue", allowZero: true);
        var minClv = ReadAmount(r, "minClv", allowZero: true);
        r.RejectUnknown();
        var criteria = new CouponCriteria(segments ?? [], risks ?? [], minOrderValue, minClv);
        if (errors.Count != before)
        {
            return null;
        }

        if (criteria.IsAlways)
        {
            tier.Error("when", "must state at least one of rfmSegments, churnRisks, minExpectedOrderValue, minClv (leave \"when\" out for everyone)");
            return null;
        }

        return criteria;
    }

    private static ImmutableArray<string>? ReadNames(JsonObjectReader r, string name, string[]? allowed)
    {
        var value = r.Get(name);
        if (value.ValueKind is JsonValueKind.Undefined)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0
            || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString())))
        {
            r.Error(name, "must be a non-empty array of names");
            return null;
        }

        var names = value.EnumerateArray().Select(v => v.GetString()!.Trim()).ToImmutableArray();
        var unknown = allowed is null ? null : names.FirstOrDefault(n => !allowed.Contains(n, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            r.Error(name, $"'{unknown}' is not one of {string.Join(", ", allowed!)}");
            return null;
        }

        return names;
    }

    private static CouponValue? ReadValue(JsonObjectReader r)
    {
        var percent = ReadAmount(r, "percentOff", allowZero: false);
        var amount = ReadAmount(r, "amountOff", allowZero: false);
        var currency = r.OptionalString("currency");
        var hasPercent = r.Get("percentOff").ValueKind != JsonValueKind.Undefined;
        var hasAmount = r.Get("amountOff").ValueKind != JsonValueKind.Undefined;
        if (hasPercent == hasAmount)
        {
            r.Error("percentOff", "give exactly one of percentOff and amountOff");
            return null;
        }

        if (percent is > 100)
        {
            r.Error("percentOff", "must be at most 100");
            return null;
        }

        if (hasPercent)
        {
            if (currency is not null)
            {
                r.Error("currency", "is only for amountOff");
            }

            return percent is null || currency is not null ? null : CouponValue.PercentOff(percent.Value);
        }

        if (currency is null || !CurrencyPattern().IsMatch(currency))
        {
            r.Error("currency", "is required with amountOff: a three-letter ISO 4217 code such as \"GBP\"");
            return null;
        }

        return amount is null ? null : CouponValue.AmountOff(amount.Value, currency.ToUpperInvariant());
    }

    private static decimal? ReadAmount(JsonObjectReader r, string name, bool allowZero)
    {
        var value = r.Get(name);
        if (value.ValueKind is JsonValueKind.Undefined)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var amount) || amount < 0 || (!allowZero && amount == 0))
        {
            r.Error(name, allowZero ? "must be a number, zero or more" : "must be a number greater than zero");
            return null;
        }

        return amount;
    }

    [GeneratedRegex(@"\A[A-Za-z]{3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();
}
