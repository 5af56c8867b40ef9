using System.Text.Json;

namespace Rekindle.Server.Features.Flows;

// The answer of POST /api/flows/{id}/dry-run and POST /api/flows/dry-run (docs/flows.md "Dry run").

/// <summary>The journey a contact would take through a flow, simulated: nothing was sent or stored.</summary>
/// <param name="ContactId">The existing contact's id, or "dry-run-contact" for a described one.</param>
/// <param name="HorizonEnd">Where the simulation stops: the start plus the horizon.</param>
/// <param name="Path">Every step visited, in order, as a journey shows it.</param>
/// <param name="Events">What became of each described event.</param>
public sealed record DryRunView(
    string FlowId, string ContactId, DateTimeOffset Start, DateTimeOffset HorizonEnd, DryRunTriggerView Trigger,
    IReadOnlyList<JourneyStepView> Path, IReadOnlyList<DryRunWaitView> Waits, IReadOnlyList<DryRunMessageView> Messages,
    IReadOnlyList<DryRunCouponView> Coupons, IReadOnlyList<DryRunProfileChangeView> ProfileChanges, IReadOnlyList<DryRunEventView> Events,
    DryRunEndView End);

/// <param name="Synthetic">No trigger was given: the run started with an event named after the flow's trigger, with no properties.</param>
public sealed record DryRunTriggerView(string Event, DateTimeOffset At, bool Synthetic);

/// <summary>A pause at a step.</summary>
/// <param name="Until">When it was due to end (timeout or time); null: only an event ends it.</param>
/// <param name="BestTime">
/// Set for a wait that ends at the contact's best send time: the engine picks the hour within the window from the
/// contact's engagement; the dry run takes the window's start.
/// </param>
/// <param name="EndedBy">"timer", "event:{name}" or "goal:{name}"; null when the simulation stopped first.</param>
public sealed record DryRunWaitView(
    string StepId, string StepType, DateTimeOffset From, DateTimeOffset? Until, DryRunBestTimeView? BestTime, DateTimeOffset? EndedAt, string? EndedBy);

/// <param name="Within">How far past <c>until</c> the engine may go to reach the best hour.</param>
public sealed record DryRunBestTimeView(string Within, string Channel, string Assumed);

/// <summary>A message a step would send, rendered as the channel would render it.</summary>
/// <param name="Recipient">The email address or the webhook's URL.</param>
/// <param name="WouldSkip">Why the engine would not send it (consent, no address); null: it would go out.</param>
/// <param name="Error">Why it could not be rendered (a template error, a webhook body that is not JSON).</param>
public sealed record DryRunMessageView(
    string StepId, DateTimeOffset At, string Channel, string? Recipient, string? WouldSkip, string? Error, DryRunEmailView? Email, DryRunWebhookView? Webhook);

/// <param name="Html">Without tracking: links and the open pixel are added when it is really sent.</param>
/// <param name="Coupon">The placeholder code shown as coupon.code ("DRYRUN-CODE"), when the step names a campaign.</param>
public sealed record DryRunEmailView(string Subject, string Html, string Text, string? Coupon);

public sealed record DryRunWebhookView(string Url, JsonElement Body, IReadOnlyDictionary<string, string> Headers);

public sealed record DryRunCouponView(string StepId, string Campaign, DateTimeOffset At, string Code);

/// <param name="Traits">Traits set (their new value) or removed (null).</param>
public sealed record DryRunProfileChangeView(
    DateTimeOffset At, string? StepId, IReadOnlyDictionary<string, JsonElement?> Traits, IReadOnlyList<string> TagsAdded, IReadOnlyList<string> TagsRemoved);

/// <param name="Outcome">"history" (before the start), "moved" (the journey went on), "applied" (the profile took it), "after-end" or "beyond-horizon".</param>
public sealed record DryRunEventView(string Event, DateTimeOffset At, string Outcome);

/// <param name="Status">"completed", "exited", "converted", "waiting" (still in the flow at the horizon) or "not-started".</param>
/// <param name="Reason">The exit reason ("exit-step:stop", "goal:Order Completed"); for "waiting": "horizon", "run-limit" or "no-wake-up".</param>
public sealed record DryRunEndView(string Status, string? Reason, DateTimeOffset At, string? StepId);

/// <summary>The body of a dry run, for the OpenAPI document only (the handler reads the JSON itself and names every problem).</summary>
/// <param name="ContactId">An existing contact: its profile, scores and history are used. Or give <paramref name="Contact"/>.</param>
/// <param name="Events">What the contact does: <c>{"event": "Email Opened", "at": "+2h", "properties": {}}</c> or <c>{"traits": {}, "at": "..."}</c>;
/// "at" relative to the start ("+2h", "-3d") or absolute; events before the start are history.</param>
/// <param name="Trigger">The event that starts the journey: <c>{"event": "Product Added", "properties": {}}</c>; default: one named after the trigger.</param>
/// <param name="Start">ISO-8601; default: the engine's now.</param>
/// <param name="Horizon">How long to simulate, e.g. "90d"; default 365d, at most three years.</param>
/// <param name="Flow">POST /api/flows/dry-run only: the flow document, validated as a save is.</param>
public sealed record DryRunRequestDocument(
    string? ContactId, DryRunContactDocument? Contact, IReadOnlyList<DryRunEventDocument>? Events, DryRunEventDocument? Trigger,
    DateTimeOffset? Start, string? Horizon, FlowDocument? Flow);

/// <param name="Consent">Per channel: "subscribed", "unsubscribed" (or the other consent trait values).</param>
/// <param name="Scores">rfmSegment, r, f, m, churnRisk, purchaseProbability, pAlive, clv, expectedOrderValue.</param>
public sealed record DryRunContactDocument(
    Dictionary<string, JsonElement>? Traits, string? Email, IReadOnlyList<string>? Tags, Dictionary<string, string>? Consent, Dictionary<string, JsonElement>? Scores);

public sealed record DryRunEventDocument(string? Event, string? At, Dictionary<string, JsonElement>? Properties, Dictionary<string, JsonElement>? Traits);
