using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Rekindle.Channels.Email;
using Rekindle.Core.Flows;
using Rekindle.Core.Templates;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Flows;
using Rekindle.Server.Features.Contacts;
using Rekindle.Server.Features.Hosting;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Coupons;
using Rekindle.Storage.Flows;
using Rekindle.Storage.Messages;

namespace Rekindle.Server.Features.Flows;

/// <summary>Automations as JSON documents: validated on the way in, errors point at the step at fault.</summary>
public static class FlowsApi
{
    public static IEndpointRouteBuilder MapFlowsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/flows").WithTags("Flows");
        api.MapPost("/", SaveAsync).WithSummary("Create or replace a flow (a new version if the id exists); the answer warns about " +
                "template variables the template model does not have (the flow is saved all the same)")
            .DocumentsBody<FlowDocument>().Produces<FlowSavedView>().Produces<ApiError>(StatusCodes.Status400BadRequest);
        api.MapGet("/", ListAsync).WithSummary("All flows").Produces<List<FlowView>>();
        api.MapGet("/{id}", GetAsync).WithSummary("One flow").Produces<FlowView>().Produces<ApiError>(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/instances", InstancesAsync).WithSummary("The flow's instances, newest first, with what each sent or skipped")
            .Produces<List<FlowInstanceView>>();
        return app;
    }

    /// <summary>How many of the most recently updated contacts name the traits a template may use (see TemplateWarnings).</summary>
    private const int TraitSampleContacts = 10_000;

    private static async Task<IResult> SaveAsync(HttpRequest request, FlowStore store, FlowCatalog catalog, [FromServices] LiquidRenderer liquid,
        CouponStore coupons, ContactStore contacts, [FromKeyedServices(RekindleClock.Key)] TimeProvider time, CancellationToken ct)
    {
        var (json, refusal) = await JsonRequestBody.ReadTextAsync(request, ct);
        if (json is null)
        {
            return refusal!;
        }

        var (flow, problems) = await CheckAsync(json, liquid, coupons, ct);
        if (flow is null)
        {
            return Results.BadRequest(Invalid(problems));
        }

        var warnings = TemplateWarnings(flow, liquid, await contacts.TraitNamesAsync(TraitSampleContacts, ct));
        var stored = await store.SaveFlowAsync(flow.Id, flow.Name, json, time.GetUtcNow(), ct);
        await catalog.RefreshAsync(ct);
        return Results.Ok(FlowSavedView.From(stored, warnings));
    }

    /// <summary>A flow document checked as a save checks it: the flow, or null and every problem with its path.</summary>
    internal static async Task<(FlowDefinition? Flow, List<FieldProblem> Problems)> CheckAsync(
        string json, LiquidRenderer liquid, CouponStore coupons, CancellationToken ct)
    {
        var parsed = FlowParser.Parse(json);
        var problems = parsed.Errors.Select(e => new FieldProblem(e.Path, e.Problem)).ToList();
        problems.AddRange(TemplateProblems(json, liquid));
        if (parsed.Flow is not null)
        {
            problems.AddRange(await CouponProblemsAsync(parsed.Flow, coupons, ct));
        }

        return (problems.Count == 0 ? parsed.Flow : null, problems);
    }

    internal static ApiError Invalid(IReadOnlyList<FieldProblem> problems) =>
        new($"the flow is not valid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")})", problems);

    /// <summary>
    /// Template variables the model does not have, per sendEmail template: Liquid renders them as nothing, so a typo
    /// would reach every recipient unseen. Warnings, not errors: a trait no contact has yet may be meant.
    /// </summary>
    private static List<FlowWarning> TemplateWarnings(FlowDefinition flow, LiquidRenderer liquid, IReadOnlyList<string> traitNames)
    {
        var warnings = new List<FlowWarning>();
        for (var i = 0; i < flow.Steps.Length; i++)
        {
            foreach (var template in flow.Steps[i].Templates())
            {
                var model = TemplateModelShape.For(template.Coupon, template.Recommendations, traitNames);
                warnings.AddRange(liquid.UnknownNames(template.Text, model).Select(problem => new FlowWarning($"steps[{i}].{template.Field}", problem)));
            }
        }

        return warnings;
    }

    /// <summary>
    /// The Liquid problems of every step with templates, read from the document itself: the parser gives no flow
    /// when anything else is wrong, and a broken template must be reported together with the other problems.
    /// </summary>
    private static List<FieldProblem> TemplateProblems(string json, LiquidRenderer liquid)
    {
        var problems = new List<FieldProblem>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return problems;   // the parser has reported it
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
            {
                return problems;
            }

            var i = 0;
            foreach (var step in steps.EnumerateArray())
            {
                if (step.ValueKind == JsonValueKind.Object
                    && step.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                    && FlowStepTypes.Find(type.GetString()!) is { } stepType)
                {
                    foreach (var field in stepType.TemplateFields)
                    {
                        // A webhook body may be a JSON object whose strings hold Liquid: its JSON text is the template.
                        var text = !step.TryGetProperty(field, out var template) ? null
                            : template.ValueKind == JsonValueKind.String ? template.GetString()
                            : template.ValueKind == JsonValueKind.Object ? template.GetRawText() : null;
                        if (text is not null && !liquid.TryParse(text, out var error))
                        {
                            problems.Add(new FieldProblem($"steps[{i}].{field}", $"is not a valid Liquid template: {error}"));
                        }
                    }
                }

                i++;
            }
        }

        return problems;
    }

    /// <summary>A step's coupon campaign must exist, or its emails would never go out.</summary>
    private static async Task<List<FieldProblem>> CouponProblemsAsync(FlowDefinition flow, CouponStore coupons, CancellationToken ct)
    {
        var problems = new List<FieldProblem>();
        for (var i = 0; i < flow.Steps.Length; i++)
        {
            if (flow.Steps[i].CouponCampaign is { } named && await coupons.FindCampaignAsync(named.Campaign, ct) is null)
            {
                problems.Add(new FieldProblem($"steps[{i}].{named.Field}", $"no coupon campaign '{named.Campaign}'; create it first (POST /api/coupons/campaigns)"));
            }
        }

        return problems;
    }

    private static async Task<IResult> ListAsync(FlowStore store, CancellationToken ct) =>
        Results.Ok((await store.ListFlowsAsync(ct)).Select(FlowView.From).ToList());

    private static async Task<IResult> GetAsync(string id, FlowStore store, CancellationToken ct)
    {
        var flow = (await store.ListFlowsAsync(ct)).FirstOrDefault(f => f.Id == id);
        return flow is null ? Results.NotFound(new ApiError($"no flow '{id}'")) : Results.Ok(FlowView.From(flow));
    }

    private static async Task<IResult> InstancesAsync(string id, string? contactId, int? limit, FlowStore store, MessageStore messages, CancellationToken ct)
    {
        var instances = await store.InstancesAsync(id, contactId, Math.Clamp(limit ?? 100, 1, 1000), ct);
        var byInstance = (await messages.ForInstancesAsync([.. instances.Select(i => i.Id)], ct)).ToLookup(m => m.InstanceId);
        return Results.Ok(instances.Select(i => FlowInstanceView.From(i, byInstance[i.Id])).ToList());
    }
}

/// <summary>A journey: the instance and what its steps sent or skipped (with the reason, e.g. "consent: email unsubscribed").</summary>
public sealed record FlowInstanceView(
    string Id, string FlowId, string ContactId, FlowInstanceStatusView Status, string CurrentStepId, DateTimeOffset StartedAt, DateTimeOffset? WakeAt,
    string TriggerMessageId, DateTimeOffset UpdatedAt, string? ExitReason, IReadOnlyList<JourneyMessageView> Messages)
{
    public static FlowInstanceView From(FlowInstance i, IEnumerable<OutboxMessage> messages) => new(
        i.Id, i.FlowId, i.ContactId, ApiEnum.From<FlowInstanceStatusView>(i.Status), i.CurrentStepId, i.StartedAt, i.WakeAt, i.TriggerMessageId, i.UpdatedAt, i.ExitReason,
        [.. messages.Select(m => new JourneyMessageView(m.Id, m.StepId, m.Channel, ApiEnum.From<MessageStatusView>(m.Status), m.SkipReason, m.CreatedAt, m.SentAt))]);
}

/// <param name="Reason">Why a skipped message was not sent.</param>
public sealed record JourneyMessageView(string Id, string? StepId, string Channel, MessageStatusView Status, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>A saved flow, with what looked wrong without stopping the save.</summary>
/// <param name="Warnings">E.g. <c>{"path": "steps[2].subject", "problem": "contact.frist_name is not in the template model; did you mean contact.first_name?"}</c>.</param>
public sealed record FlowSavedView(string Id, string Name, int Version, bool Enabled, JsonElement Definition,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<FlowWarning> Warnings)
{
    public static FlowSavedView From(StoredFlow f, IReadOnlyList<FlowWarning> warnings)
    {
        var view = FlowView.From(f);
        return new(view.Id, view.Name, view.Version, view.Enabled, view.Definition, view.CreatedAt, view.UpdatedAt, warnings);
    }
}

/// <summary>Something in a saved flow that is probably a mistake; <paramref name="Path"/> points at it as problems do.</summary>
public sealed record FlowWarning(string Path, string Problem);

public sealed record FlowView(string Id, string Name, int Version, bool Enabled, System.Text.Json.JsonElement Definition,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static FlowView From(StoredFlow f) => new(f.Id, f.Name, f.Version, f.Enabled,
        System.Text.Json.JsonDocument.Parse(f.Definition).RootElement.Clone(), f.CreatedAt, f.UpdatedAt);
}

/// <summary>
/// active (waiting or running), completed (reached its end), exited (left early; the exit reason says why) or converted
/// (reached one of the flow's goals).
/// </summary>
public enum FlowInstanceStatusView
{
    Active,
    Completed,
    Exited,
    Converted,
}
