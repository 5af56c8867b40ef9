using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>
/// Issues the contact a code from a coupon campaign without sending anything (a code shown later on the site, in an SMS
/// or a webhook). A later email of the same journey naming the same campaign shows this code, not a second one.
/// </summary>
public sealed record IssueCouponStep(string Id, string? Next, string Campaign) : FlowStep(Id)
{
    public static StepType Type { get; } = new("issueCoupon", pauses: false, Read);

    public override StepType Kind => Type;

    public override IEnumerable<FlowStepLink> Links() => [new("next", Next)];

    public override (string Field, string Campaign)? CouponCampaign => ("campaign", Campaign);

    public override StepOutcome Execute(StepContext context)
    {
        context.Emit(new IssueCoupon(Id, Campaign));
        return StepOutcome.Next(Next);
    }

    public override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString("campaign", Campaign);
        StepWriter.Optional(w, "next", Next);
    }

    private static IssueCouponStep? Read(StepReader r)
    {
        string? next = r.Link("next");
        string? campaign = r.CampaignId("campaign", required: true);
        return r.Valid ? new IssueCouponStep(r.Id!, next, campaign!) : null;
    }
}
