using Rekindle.Core.Coupons;

namespace Rekindle.Core.Tests.Coupons;

public class CouponCampaignParserTests
{
    private const string WinBack = """
        {"id":"winback","name":"Win-back","codes":"pattern","pattern":"BACK-****-****","validFor":"14d",
         "tiers":[{"name":"vip","when":{"rfmSegments":["Champions","Loyal"]},"percentOff":20},
                  {"name":"big-basket","when":{"minExpectedOrderValue":80},"amountOff":15,"currency":"gbp"},
                  {"name":"at-risk","when":{"churnRisks":["high"],"minClv":100},"percentOff":12.5},
                  {"name":"standard","percentOff":10}]}
        """;

    [Fact]
    public void Parse_FullCampaign_ReadsEveryField()
    {
        var result = CouponCampaignParser.Parse(WinBack);

        Assert.Empty(result.Errors);
        var campaign = result.Campaign!;
        Assert.Equal("winback", campaign.Id);
        Assert.Equal(CouponCodeSource.Pattern, campaign.Source);
        Assert.Equal("BACK-****-****", campaign.Pattern!.Text);
        Assert.Equal(TimeSpan.FromDays(14), campaign.ValidFor);
        Assert.Equal(["vip", "big-basket", "at-risk", "standard"], campaign.Tiers.Select(t => t.Name));
        Assert.Equal(["Champions", "Loyal"], campaign.Tiers[0].When.RfmSegments.ToArray());
        Assert.Equal(CouponValue.AmountOff(15m, "GBP"), campaign.Tiers[1].Value);
        Assert.Equal(100m, campaign.Tiers[2].When.MinClv);
        Assert.Equal("12.5%", campaign.Tiers[2].Value.Display);
        Assert.True(campaign.Tiers[3].When.IsAlways);
    }

    [Theory]
    [InlineData("Champions", null, null, null, "vip")]
    [InlineData("champions", "high", "500", "900", "vip")]
    [InlineData("At Risk", null, "80", null, "big-basket")]
    [InlineData("At Risk", "high", "79.99", "100", "at-risk")]
    [InlineData("At Risk", "high", "79.99", "99.99", "standard")]
    [InlineData(null, null, null, null, "standard")]
    public void ChooseTier_FirstMatchingTierWins(string? segment, string? risk, string? orderValue, string? clv, string expected)
    {
        var campaign = CouponCampaignParser.Parse(WinBack).Campaign!;
        var facts = new CouponFacts(segment, risk, Amount(orderValue), Amount(clv));

        Assert.Equal(expected, campaign.ChooseTier(facts).Name);
    }

    private static decimal? Amount(string? text) => text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Parse_Pool_NeedsNoPattern()
    {
        var result = CouponCampaignParser.Parse("""{"id":"welcome","name":"Welcome","codes":"pool","validFor":"30d","tiers":[{"name":"all","amountOff":5,"currency":"EUR"}]}""");

        Assert.Empty(result.Errors);
        Assert.Equal(CouponCodeSource.Pool, result.Campaign!.Source);
        Assert.Null(result.Campaign.Pattern);
        Assert.Equal("5.00 EUR", result.Campaign.Tiers[0].Value.Display);
    }

    [Fact]
    public void Parse_EveryProblem_ReportedWithItsPath()
    {
        var result = CouponCampaignParser.Parse("""
            {"id":"bad id","name":"","codes":"pattern","pattern":"X-######","validFor":"-1d","colour":"red",
             "tiers":[{"name":"all","percentOff":10},
                      {"name":"vip","when":{"rfmSegments":[],"churnRisks":["extreme"]},"percentOff":120},
                      {"name":"all","when":{"minClv":-5},"amountOff":5},
                      {"name":"x","percentOff":5,"amountOff":5}]}
            """);

        Assert.Null(result.Campaign);
        Assert.Equal(
            [
                "id: must be 1 to 64 letters, digits, '-', '_' or '.'",
                "name: must not be empty",
                "pattern: allows only 1000000 codes; at least 1073741824 are needed so that codes stay unique and cannot be guessed (e.g. six '*')",
                "validFor: must be a positive duration such as \"14d\", \"48h\" or \"P30D\"",
                "tiers[0].when: is required on every tier but the last: the tiers after one without conditions could never be chosen",
                "tiers[1].when.rfmSegments: must be a non-empty array of names",
                "tiers[1].when.churnRisks: 'extreme' is not one of low, medium, high",
                "tiers[1].percentOff: must be at most 100",
                "tiers[2].when.minClv: must be a number, zero or more",
                "tiers[2].currency: is required with amountOff: a three-letter ISO 4217 code such as \"GBP\"",
                "tiers[3].percentOff: give exactly one of percentOff and amountOff",
                "colour: unknown property",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_LastTierWithConditions_IsRefused()
    {
        var result = CouponCampaignParser.Parse("""{"id":"c","name":"C","codes":"pool","validFor":"1d","pattern":"******","tiers":[{"name":"vip","when":{"churnRisks":["low"]},"percentOff":5}]}""");

        Assert.Equal(
            ["pattern: is only for \"codes\": \"pattern\"; a pool's codes are uploaded",
             "tiers[0].when: must be left out on the last tier, so that every contact gets a value"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_RepeatedTierName_IsRefused()
    {
        var result = CouponCampaignParser.Parse("""{"id":"c","name":"C","codes":"pool","validFor":"1d","tiers":[{"name":"a","when":{"churnRisks":["low"]},"percentOff":5},{"name":"a","percentOff":5}]}""");

        Assert.Equal("tiers[1].name: 'a' is used by an earlier tier", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_NotJson_SaysSo()
    {
        var result = CouponCampaignParser.Parse("{");
        Assert.StartsWith("is not valid JSON", Assert.Single(result.Errors).Problem);
    }
}
