using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Rekindle.Channels.Email;
using Rekindle.Core.Coupons;
using Rekindle.Core.Flows;
using Rekindle.Core.Flows.DryRun;
using Rekindle.Core.Messaging;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Flows;
using Rekindle.Engine.Outbox;
using Rekindle.Engine.Outbox.Webhooks;
using Rekindle.Server.Features.Hosting;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Coupons;
using Rekindle.Storage.Flows;

namespace Rekindle.Server.Features.Flows;

/// <summary>
/// Dry runs: a contact (existing, or described in the body) taken through a saved or an unsaved flow over simulated
/// time (<see cref="FlowSimulator"/>), its messages rendered as the channels would render them. Nothing is sent,
/// issued or stored: this reads the contact and the campaigns, and writes nothing.
/// </summary>
public static class FlowDryRunApi
{
    /// <summary>The code a dry run shows as <c>coupon.code</c>: no real code is taken from a campaign.</summary>
    public const string PlaceholderCoupon = "DRYRUN-CODE";

    public static IEndpointRouteBuilder MapFlowDryRunApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/flows").WithTags("Flows");
        api.MapPost("/{id}/dry-run", SavedAsync)
            .WithSummary("Simulate a saved flow for an existing or a described contact and its future events: the path, the waits and the rendered messages; nothing is sent or stored")
            .DocumentsBody<DryRunRequestDocument>();
        api.MapPost("/dry-run", UnsavedAsync)
            .WithSummary("Simulate an unsaved flow (\"flow\" in the body, validated as a save is) for a contact and its future events; nothing is sent or stored")
            .DocumentsBody<DryRunRequestDocument>();
        return app;
    }

    private static async Task<Results<Ok<DryRunView>, BadRequest<ApiError>, NotFound<ApiError>>> SavedAsync(
        string id, HttpRequest request, FlowStore flows, [AsParameters] DryRunServices services, CancellationToken ct)
    {
        var stored = (await flows.ListFlowsAsync(ct)).FirstOrDefault(f => f.Id == id);
        if (stored is null)
        {
            return TypedResults.NotFound(new ApiError($"no flow '{id}'"));
        }

        // A disabled flow can be tried too; the stored document was validated when it was saved.
        var flow = FlowParser.Parse(stored.Definition).Flow
            ?? throw new InvalidOperationException($"Stored flow '{id}' no longer parses.");
        var (document, refusal) = await ReadBodyAsync(request, ct);
        return document is null ? refusal! : await RunAsync(flow, document.RootElement, services, ct);
    }

    private static async Task<Results<Ok<DryRunView>, BadRequest<ApiError>, NotFound<ApiError>>> UnsavedAsync(
        HttpRequest request, [FromServices] LiquidRenderer liquid, CouponStore coupons, [AsParameters] DryRunServices services, CancellationToken ct)
    {
        var (document, refusal) = await ReadBodyAsync(request, ct);
        if (document is null)
        {
            return refusal!;
        }

        if (!document.RootElement.TryGetProperty("flow", out var json))
        {
            return TypedResults.BadRequest(new ApiError("the body has no flow", [new FieldProblem("flow", "is required: the flow document to try")]));
        }

        var (flow, problems) = await FlowsApi.CheckAsync(json.GetRawText(), liquid, coupons, ct);
        if (flow is null)
        {
            return TypedResults.BadRequest(FlowsApi.Invalid([.. problems.Select(p => p with { Field = p.Field.Length == 0 ? "flow" : $"flow.{p.Field}" })]));
        }

        return await RunAsync(flow, document.RootElement, services, ct);
    }

    private static async Task<(JsonDocument? Document, BadRequest<ApiError>? Refusal)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var (document, refusal) = await JsonRequestBody.ParseAsync(request, ct);
        if (document is null)
        {
            // JsonRequestBody's refusal is a 400 with an ApiError naming the problem; keep its words.
            return (null, refusal as BadRequest<ApiError> ?? TypedResults.BadRequest(new ApiError("the body is not valid JSON")));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, TypedResults.BadRequest(new ApiError("the body must be a JSON object", [new FieldProblem("body", "expected an object")])));
        }

        return (document, null);
    }

    private static async Task<Results<Ok<DryRunView>, BadRequest<ApiError>, NotFound<ApiError>>> RunAsync(
        FlowDefinition flow, JsonElement body, DryRunServices s, CancellationToken ct)
    {
        var request = FlowDryRunRequest.Read(body, s.Time.GetUtcNow());
        if (request.Problems.Count > 0)
        {
            return TypedResults.BadRequest(new ApiError($"the dry run is not valid ({request.Problems.Count} problem{(request.Problems.Count == 1 ? "" : "s")})",
                request.Problems));
        }

        var input = new DryRunInput(flow, request.Described!, request.Start, request.Trigger, request.Events)
        {
            DefaultTimeZone = s.Catalog.DefaultTimeZone, Horizon = request.Horizon, Scores = request.Scores,
        };
        if (request.ContactId is { } contactId)
        {
            var profile = await s.Contacts.FindLiveAsync(contactId, ct);
            if (profile is null)
            {
                return TypedResults.NotFound(new ApiError($"no contact '{contactId}'"));
            }

            // The contact's stored scores and history, as far as this flow's conditions look (all of it when one counts since the start).
            var facts = await s.Facts.LoadAsync(profile.Id, FlowNeeds.Of([flow]), [request.Start], request.Start, ct);
            input = input with { Profile = profile, Scores = facts.Scores, History = facts.History };
        }

        var result = FlowSimulator.Run(input);
        var messages = new List<DryRunMessageView>();
        foreach (var message in result.Messages)
        {
            messages.Add(await RenderAsync(flow, message, s, ct));
        }

        return TypedResults.Ok(new DryRunView(flow.Id, input.Profile.Id, result.Start, result.HorizonEnd,
            new DryRunTriggerView(result.Trigger.Event ?? result.Trigger.Type.ToString().ToLowerInvariant(), result.Trigger.Timestamp, result.SyntheticTrigger),
            [.. result.Path.Select(v => new JourneyStepView(v.StepId, v.Outcome, v.Path, v.At))],
            [.. result.Waits.Select(w => new DryRunWaitView(w.StepId, w.StepType, w.From, w.Until,
                w.BestTime is { } b ? new DryRunBestTimeView(FlowDuration.Format(b.Within), b.Channel, "the window's start") : null, w.EndedAt, w.EndedBy))],
            messages,
            [.. result.Coupons.Select(c => new DryRunCouponView(c.StepId, c.Campaign, c.At, PlaceholderCoupon))],
            [.. result.ProfileChanges.Select(c => new DryRunProfileChangeView(c.At, c.StepId, c.Traits, c.TagsAdded, c.TagsRemoved))],
            [.. result.Events.Select(e => new DryRunEventView(e.Event, e.At, e.Outcome))],
            new DryRunEndView(result.End.Status, result.End.Reason, result.End.At, result.End.StepId)));
    }

    private static async Task<DryRunMessageView> RenderAsync(FlowDefinition flow, DryRunMessage message, DryRunServices s, CancellationToken ct)
    {
        switch (message.Content)
        {
            case EmailContent email:
            {
                var recipient = email.To ?? message.Profile.Email;
                var skip = recipient is null ? "no email address" : email.To is null ? s.Email.CheckConsent(message.Profile, email).Reason : null;
                var coupon = email.Coupon is { } campaign ? await PlaceholderAsync(campaign, message, s.Coupons, ct) : null;
                try
                {
                    // The email composer's own rendering; no recommendations are fetched and the links are not tracked.
                    var rendered = s.Email.Render(message.Profile, email, coupon);
                    var view = new DryRunEmailView(rendered.Subject, rendered.Html, rendered.Text, coupon?.Code);
                    return new(message.StepId, message.At, message.Channel, recipient, skip, null, view, null);
                }
                catch (LiquidTemplateException ex)
                {
                    return new(message.StepId, message.At, message.Channel, recipient, skip, ex.Message, null, null);
                }
            }

            case WebhookContent webhook:
            {
                // The webhook composer itself: it renders the body and checks the URL and the JSON, and returns a row it is not asked to store.
                var row = s.Webhooks.Compose(new PendingMessage(message.Profile, flow.Id, FlowSimulator.InstanceId, "dry-run", new SendMessage(message.StepId, webhook)),
                    message.At);
                var payload = WebhookPayload.FromJson(row.Payload);
                return payload is null
                    ? new(message.StepId, message.At, message.Channel, webhook.Url, null, row.LastError, null, null)
                    : new(message.StepId, message.At, message.Channel, webhook.Url, null, null, null,
                        new DryRunWebhookView(payload.Url, JsonDocument.Parse(payload.Body).RootElement.Clone(), payload.Headers));
            }

            default:
                return new(message.StepId, message.At, message.Channel, null, null, $"a dry run does not render {message.Channel} messages", null, null);
        }
    }

    /// <summary>The code the email would show, with the value of the campaign's catch-all tier (the tier it would choose needs the contact's facts).</summary>
    private static async Task<IssuedCoupon?> PlaceholderAsync(string campaignId, DryRunMessage message, CouponStore coupons, CancellationToken ct)
    {
        var stored = await coupons.FindCampaignAsync(campaignId, ct);
        var campaign = stored is null ? null : CouponCampaignParser.Parse(stored.Definition).Campaign;
        return campaign is null ? null
            : new IssuedCoupon(PlaceholderCoupon, campaign.Id, campaign.Tiers[^1].Name, campaign.Tiers[^1].Value, message.Profile.Id, message.At, message.At + campaign.ValidFor);
    }
}

/// <summary>What a dry run reads (never writes) and renders with.</summary>
internal sealed record DryRunServices(
    ContactStore Contacts,
    FlowFactsLoader Facts,
    FlowCatalog Catalog,
    CouponStore Coupons,
    [FromServices] EmailComposer Email,
    [FromServices] WebhookComposer Webhooks,
    [FromKeyedServices(RekindleClock.Key)] TimeProvider Time);
