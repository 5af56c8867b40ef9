using System.Text.Json;
using Rekindle.Core.Messaging;

namespace Rekindle.Core.Flows;

/// <summary>
/// Sends an email whose subject, HTML and text are Liquid templates (rendered by the email channel, not here).
/// </summary>
/// <param name="Coupon">
/// A coupon campaign id: the contact gets a code from it before the email is rendered, as <c>{{ coupon.code }}</c>.
/// Every email of one journey that names the same campaign shows the same code (a reminder repeats it).
/// </param>
/// <param name="Recommendations">Products to show as <c>{% for p in recommendations %}</c>, chosen when the email is rendered.</param>
/// <param name="Transactional">
/// The email is transactional (an order confirmation, not a promotion): it goes to every consent state but suppressed
/// (docs/consent.md). False, the default: marketing.
/// </param>
public sealed record SendEmailStep(
    string Id, string? Next, string Subject, string Html, string? Text, string? Coupon = null, EmailRecommendations? Recommendations = null,
    bool Transactional = false)
    : FlowStep(Id)
{
    public static StepType Type { get; } = new("sendEmail", pauses: false, Read, "subject", "html", "text");

    /// <summary>More products than an email can sensibly show; the bound also caps the work at render time.</summary>
    public const int MaxRecommendations = 20;

    private const int DefaultRecommendations = 4;

    public override StepType Kind => Type;

    public override IEnumerable<FlowStepLink> Links() => [new("next", Next)];

    /// <summary>The channel-neutral message this step sends.</summary>
    public EmailContent Content => new(Subject, Html, Text, Coupon, Recommendations) { Transactional = Transactional };

    public override IEnumerable<StepTemplate> Templates() =>
        [new("subject", Subject, Coupon is not null, Recommendations is not null), new("html", Html, Coupon is not null, Recommendations is not null),
         .. Text is null ? (StepTemplate[])[] : [new("text", Text, Coupon is not null, Recommendations is not null)]];

    public override (string Field, string Campaign)? CouponCampaign => Coupon is null ? null : ("coupon", Coupon);

    public override StepOutcome Execute(StepContext context)
    {
        // A cart reminder with nothing left in the cart (emptied, or ordered and cleared, since the trigger) has nothing
        // to remind the shopper of.
        if (context.Flow.Trigger.IsCartTrigger && context.Profile.Cart.IsEmpty)
        {
            return StepOutcome.Exit(FlowExitReasons.CartEmpty);
        }

        context.Emit(new SendMessage(Id, Content));
        return StepOutcome.Next(Next);
    }

    public override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString("subject", Subject);
        w.WriteString("html", Html);
        StepWriter.Optional(w, "text", Text);
        StepWriter.Optional(w, "coupon", Coupon);
        if (Recommendations is { } recommendations)
        {
            w.WriteStartObject("recommendations");
            w.WriteString("kind", recommendations.Kind);
            w.WriteNumber("limit", recommendations.Limit);
            w.WriteEndObject();
        }

        if (Transactional)
        {
            w.WriteBoolean("transactional", true);
        }

        StepWriter.Optional(w, "next", Next);
    }

    private static SendEmailStep? Read(StepReader r)
    {
        string? next = r.Link("next");
        string? subject = r.RequiredString("subject");
        string? html = r.RequiredString("html");
        string? text = r.OptionalString("text");
        string? coupon = r.CampaignId("coupon", required: false);
        EmailRecommendations? recommendations = ReadRecommendations(r);
        bool? transactional = r.OptionalBool("transactional", false);
        return r.Valid ? new SendEmailStep(r.Id!, next, subject!, html!, text, coupon, recommendations, transactional!.Value) : null;
    }

    private static EmailRecommendations? ReadRecommendations(StepReader step)
    {
        JsonObjectReader? r = step.Object("recommendations");
        if (r is null)
        {
            return null;
        }

        string? kind = r.RequiredString("kind");
        if (kind is not null && !FlowJsonNames.RecommendationKinds.Contains(kind))
        {
            r.Error("kind", $"must be {FlowJsonNames.OneOf(FlowJsonNames.RecommendationKinds)}");
            kind = null;
        }

        int limit = DefaultRecommendations;
        JsonElement limitValue = r.Get("limit");
        bool limitValid = limitValue.ValueKind == JsonValueKind.Undefined
            || (limitValue.ValueKind == JsonValueKind.Number && limitValue.TryGetInt32(out limit) && limit is >= 1 and <= MaxRecommendations);
        if (!limitValid)
        {
            r.Error("limit", $"must be a whole number from 1 to {MaxRecommendations}");
        }

        r.RejectUnknown();
        return kind is not null && limitValid ? new EmailRecommendations(kind, limit) : null;
    }
}

/// <summary>Which recommender fills an email's <c>recommendations</c>, and with how many products.</summary>
/// <param name="Kind">"bought-together", "similar-customers" or "upsell".</param>
public sealed record EmailRecommendations(string Kind, int Limit);
