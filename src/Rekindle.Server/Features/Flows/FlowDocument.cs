using System.ComponentModel;
using System.Text.Json;

namespace Rekindle.Server.Features.Flows;

// The flow document's shape, for the OpenAPI document only: POST /api/flows reads the raw JSON and the core's
// FlowParser validates it (every problem with its path). README "Flows" describes the language.

public sealed record FlowDocument
{
    [Description("Stable id; saving an existing id makes a new version")]
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required FlowTriggerDocument Trigger { get; init; }

    [Description("whileNotActive (default), once, always, {\"oncePer\": \"30d\"} or {\"perKey\": \"order_id\"}")]
    public JsonElement? Reentry { get; init; }

    [Description("The steps, linked by next/then/else; the first one runs when the trigger fires")]
    public required IReadOnlyList<FlowStepDocument> Steps { get; init; }

    [Description("Events that end a journey as converted, e.g. [{\"event\": \"Order Completed\"}]")]
    public IReadOnlyList<FlowGoalDocument>? Goals { get; init; }
}

/// <summary>What starts the flow; which fields apply depends on its type (docs/flows.md "Triggers and re-entry").</summary>
public sealed record FlowTriggerDocument
{
    [Description("event (default), inactivity, dateTrait, traitChanged or consentChanged")]
    public string? Type { get; init; }

    [Description("event: track event names that start the flow; inactivity: the events whose absence counts")]
    public IReadOnlyList<string>? Events { get; init; }

    [Description("event: top-level properties the event must have: a value or a list of values each")]
    public Dictionary<string, JsonElement>? Where { get; init; }

    [Description("inactivity: how long without the events, e.g. 90d")]
    public string? For { get; init; }

    [Description("dateTrait, traitChanged: the trait's name")]
    public string? Trait { get; init; }

    [Description("dateTrait: days before (negative) or after (positive) the date; 0 by default")]
    public int? OffsetDays { get; init; }

    [Description("dateTrait: time of day HH:mm in the contact's time zone; 09:00 by default")]
    public string? At { get; init; }

    [Description("dateTrait: yearly or once (default)")]
    public string? Repeat { get; init; }

    [Description("consentChanged: email, sms or push")]
    public string? Channel { get; init; }

    [Description("traitChanged, consentChanged: the previous value (or list of values) to match")]
    public JsonElement? From { get; init; }

    [Description("traitChanged, consentChanged: the new value (or list of values) to match")]
    public JsonElement? To { get; init; }
}

/// <summary>One step; which fields apply depends on its type (docs/flows.md "Steps" has an example of each).</summary>
public sealed record FlowStepDocument
{
    public required string Id { get; init; }

    [Description("wait, waitForEvent, condition, split, randomSplit, sendEmail, sendWebhook, notify, setAttribute, addTag, removeTag, issueCoupon or exit")]
    public required string Type { get; init; }

    [Description("The next step's id, or null to end the flow (waitForEvent: when the event comes)")]
    public string? Next { get; init; }

    [Description("wait: 24h, 30m, 2d, 1d12h or ISO-8601 (PT24H)")]
    public string? Duration { get; init; }

    [Description("wait: then until a local time in the contact's zone, {\"time\": \"09:00\", \"days\": [\"mon\", \"fri\"]}")]
    public JsonElement? Until { get; init; }

    [Description("wait: until a date held in a trait, {\"trait\": \"subscription_end\", \"offset\": \"-7d\", \"time\": \"10:00\", \"yearly\": false}")]
    public JsonElement? UntilDate { get; init; }

    [Description("wait: go on to the contact's best send time within this window (up to 7d)")]
    public string? BestTimeWithin { get; init; }

    [Description("wait with bestTimeWithin: email (default), sms or push")]
    public string? Channel { get; init; }

    [Description("waitForEvent: the track event to wait for")]
    public string? Event { get; init; }

    [Description("waitForEvent: only opens/clicks of the email this journey sent at that sendEmail step")]
    public string? FromStep { get; init; }

    [Description("waitForEvent: per top-level property, a value or list of values")]
    public JsonElement? Where { get; init; }

    [Description("waitForEvent: how long to wait for the event")]
    public string? Timeout { get; init; }

    [Description("waitForEvent: the step when the timeout passes")]
    public string? TimeoutNext { get; init; }

    [Description("condition: the condition language (docs/flows.md \"Conditions\"); waitForEvent: a condition on the event's properties")]
    public JsonElement? Condition { get; init; }

    [Description("condition: the step when it holds")]
    public string? Then { get; init; }

    [Description("condition: the step when it does not; split: when no branch holds")]
    public string? Else { get; init; }

    [Description("split: [{\"name\", \"condition\", \"next\"}], the first that holds is taken")]
    public JsonElement? Branches { get; init; }

    [Description("randomSplit: [{\"name\", \"weight\", \"next\"}]")]
    public JsonElement? Paths { get; init; }

    [Description("sendEmail, notify: Liquid template")]
    public string? Subject { get; init; }

    [Description("sendEmail, notify: Liquid template")]
    public string? Html { get; init; }

    [Description("sendEmail, notify: Liquid template; derived from the HTML when absent")]
    public string? Text { get; init; }

    [Description("sendEmail: a coupon campaign id; its code is coupon.* in the templates")]
    public string? Coupon { get; init; }

    [Description("sendEmail: not marketing (a receipt): sent whatever the consent but suppressed")]
    public bool? Transactional { get; init; }

    public FlowRecommendationsDocument? Recommendations { get; init; }

    [Description("notify: the team's email address")]
    public string? To { get; init; }

    [Description("sendWebhook: http(s) URL (private and loopback addresses refused unless Webhooks:AllowPrivateTargets)")]
    public string? Url { get; init; }

    [Description("sendWebhook: a JSON object whose strings may hold Liquid, or a Liquid template string rendering JSON")]
    public JsonElement? Body { get; init; }

    [Description("sendWebhook: extra request headers")]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    [Description("setAttribute: the trait to set")]
    public string? Trait { get; init; }

    [Description("setAttribute: any JSON value; null removes the trait")]
    public JsonElement? Value { get; init; }

    [Description("addTag, removeTag: the tag")]
    public string? Tag { get; init; }

    [Description("issueCoupon: the coupon campaign id")]
    public string? Campaign { get; init; }
}

/// <summary>An event that ends a journey as converted.</summary>
public sealed record FlowGoalDocument
{
    public required string Event { get; init; }

    [Description("Per top-level property, a value or list of values")]
    public JsonElement? Where { get; init; }

    [Description("A condition on the event's properties (docs/flows.md \"Conditions\")")]
    public JsonElement? Condition { get; init; }
}

public sealed record FlowRecommendationsDocument
{
    [Description("bought-together, similar-customers or upsell")]
    public required string Kind { get; init; }

    public int? Limit { get; init; }
}
