using Rekindle.Core.Coupons;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Common;
using Rekindle.Engine.Coupons;
using Rekindle.Server.Features.Hosting;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Coupons;

namespace Rekindle.Server.Features.Coupons;

/// <summary>
/// Coupon campaigns (how codes are made, what they are worth for whom, how long they last), pools of codes the
/// shop created in its checkout, the lookup a checkout does when a code is typed, and issuing a code by hand.
/// Flows issue codes themselves: a sendEmail step names the campaign.
/// </summary>
public static class CouponsApi
{
    public const int MaxCodesPerUpload = 10_000;

    public static IEndpointRouteBuilder MapCouponsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/coupons").WithTags("Coupons");
        api.MapPost("/campaigns", SaveAsync).Produces<CampaignView>().Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("Create or replace a coupon campaign (JSON as in docs/coupons.md); every problem is reported with its path");
        api.MapGet("/campaigns", ListAsync).Produces<List<CampaignView>>().WithSummary("Every campaign with its tiers' codes available, issued, redeemed and redeemed revenue");
        api.MapGet("/campaigns/{id}", GetAsync).Produces<CampaignView>().Produces<ApiError>(StatusCodes.Status404NotFound).WithSummary("One campaign with its tiers' figures");
        api.MapPost("/campaigns/{id}/codes", AddCodesAsync).DocumentsBody<PoolCodesRequest>().Produces<PoolCodesView>().Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary($"Upload up to {MaxCodesPerUpload} codes into a tier's pool ({{\"tier\":\"...\",\"codes\":[...]}}); all or none");
        api.MapGet("/{code}", LookupAsync).Produces<CouponView>().Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("Look a code up (case-insensitive): for the shop's checkout — campaign, value, contact, expiry, status");
        app.MapGet("/api/contacts/{id}/coupons", ForContactAsync).WithTags("Coupons").Produces<List<CouponView>>().Produces<ApiError>(StatusCodes.Status404NotFound).WithSummary("The codes a contact was given, newest first");
        app.MapPost("/api/contacts/{id}/coupons", IssueAsync).DocumentsBody<IssueRequest>().WithTags("Coupons").Produces<CouponView>(StatusCodes.Status201Created).Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status404NotFound).Produces<ApiError>(StatusCodes.Status409Conflict)
            .WithSummary("Give a contact a code of a campaign now (value by the campaign's tiers); the same key returns the same code");
        return app;
    }

    private static async Task<IResult> SaveAsync(HttpRequest request, CouponStore store, [FromKeyedServices(RekindleClock.Key)] TimeProvider time,
        CancellationToken ct)
    {
        var (json, refusal) = await JsonRequestBody.ReadTextAsync(request, ct);
        if (json is null)
        {
            return refusal!;
        }

        var parsed = CouponCampaignParser.Parse(json);
        if (parsed.Campaign is not { } campaign)
        {
            var count = parsed.Errors.Count;
            return Results.BadRequest(new ApiError($"the campaign is not valid ({count} problem{(count == 1 ? "" : "s")})",
                [.. parsed.Errors.Select(e => new FieldProblem(e.Path, e.Problem))]));
        }

        var created = await store.SaveCampaignAsync(campaign.Id, json, time.GetUtcNow(), ct);
        var view = await ViewAsync(store, campaign.Id, ct);
        return created ? Results.Created($"/api/coupons/campaigns/{campaign.Id}", view) : Results.Ok(view);
    }

    private static async Task<IResult> ListAsync(CouponStore store, CancellationToken ct)
    {
        var views = new List<CampaignView>();
        foreach (var stored in await store.ListCampaignsAsync(ct))
        {
            views.Add((await ViewAsync(store, stored.Id, ct))!);
        }

        return Results.Ok(views);
    }

    private static async Task<IResult> GetAsync(string id, CouponStore store, CancellationToken ct) =>
        await ViewAsync(store, id, ct) is { } view ? Results.Ok(view) : Results.NotFound(new ApiError($"no coupon campaign '{id}'"));

    private static async Task<IResult> AddCodesAsync(string id, HttpRequest request, CouponStore store, CouponIssuer issuer,
        [FromKeyedServices(RekindleClock.Key)] TimeProvider time, CancellationToken ct)
    {
        var (body, refusal) = await JsonRequestBody.ReadAsync<PoolCodesRequest>(request, ct);
        if (body is null)
        {
            return refusal!;
        }

        var campaign = await issuer.CampaignAsync(id, ct);
        if (campaign is null)
        {
            return Results.NotFound(new ApiError($"no coupon campaign '{id}'"));
        }

        var problems = new List<FieldProblem>();
        if (campaign.Source != CouponCodeSource.Pool)
        {
            problems.Add(new FieldProblem("codes", $"campaign '{id}' generates its codes from a pattern; only \"codes\": \"pool\" campaigns take uploads"));
        }

        if (body.Tier is null || campaign.FindTier(body.Tier) is null)
        {
            problems.Add(new FieldProblem("tier", $"must name a tier of '{id}': {string.Join(", ", campaign.Tiers.Select(t => t.Name))}"));
        }

        var codes = body.Codes ?? [];
        if (codes.Count is 0 or > MaxCodesPerUpload)
        {
            problems.Add(new FieldProblem("codes", $"must be an array of 1 to {MaxCodesPerUpload} codes"));
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count && i < MaxCodesPerUpload; i++)
        {
            if (CouponCodes.Problem(codes[i]) is { } problem)
            {
                problems.Add(new FieldProblem($"codes[{i}]", problem));
            }
            else if (!seen.TryAdd(CouponCodes.Normalize(codes[i])!, i))
            {
                problems.Add(new FieldProblem($"codes[{i}]", $"repeats codes[{seen[CouponCodes.Normalize(codes[i])!]}] (codes are case-insensitive)"));
            }
        }

        if (problems.Count > 0)
        {
            return Results.BadRequest(new ApiError($"no code was added ({problems.Count} problem{(problems.Count == 1 ? "" : "s")})", problems));
        }

        var upload = await store.AddPoolCodesAsync(id, body.Tier!, [.. seen.Keys], time.GetUtcNow(), ct);
        return Results.Ok(new PoolCodesView(upload.Added, upload.AlreadyPresent));
    }

    private static async Task<IResult> LookupAsync(string code, CouponStore store, [FromKeyedServices(RekindleClock.Key)] TimeProvider time,
        CancellationToken ct) =>
        CouponCodes.Normalize(code) is { } normalized && await store.FindAsync(normalized, ct) is { } found
            ? Results.Ok(CouponView.From(found, time.GetUtcNow()))
            : Results.NotFound(new ApiError($"no coupon '{code}'"));

    private static async Task<IResult> ForContactAsync(string id, ContactStore contacts, CouponStore store,
        [FromKeyedServices(RekindleClock.Key)] TimeProvider time, CancellationToken ct)
    {
        var profile = await contacts.FindLiveAsync(id, ct);
        if (profile is null)
        {
            return Results.NotFound(new ApiError($"no contact '{id}'"));
        }

        var now = time.GetUtcNow();
        return Results.Ok((await store.ForContactAsync(profile.Id, ct)).Select(c => CouponView.From(c, now)).ToList());
    }

    private static async Task<IResult> IssueAsync(string id, HttpRequest request, ContactStore contacts, CouponIssuer issuer,
        [FromKeyedServices(RekindleClock.Key)] TimeProvider time, CancellationToken ct)
    {
        var (body, refusal) = await JsonRequestBody.ReadAsync<IssueRequest>(request, ct);
        if (body is null)
        {
            return refusal!;
        }

        if (string.IsNullOrWhiteSpace(body.Campaign))
        {
            return Results.BadRequest(new ApiError("campaign is required", [new FieldProblem("campaign", "is required: the id of a coupon campaign")]));
        }

        if (body.Key is { Length: > 200 })
        {
            return Results.BadRequest(new ApiError("key is too long", [new FieldProblem("key", "must be at most 200 characters")]));
        }

        var profile = await contacts.FindLiveAsync(id, ct);
        if (profile is null)
        {
            return Results.NotFound(new ApiError($"no contact '{id}'"));
        }

        if (await issuer.CampaignAsync(body.Campaign, ct) is not { } campaign)
        {
            return Results.NotFound(new ApiError($"no coupon campaign '{body.Campaign}'"));
        }

        // Keys given by the API live apart from the journey ids flows use as keys.
        var key = "api:" + (body.Key ?? Ids.New());
        var now = time.GetUtcNow();
        var coupon = await issuer.IssueAsync(campaign, profile.Id, key, now, ct);
        return coupon is null
            ? Results.Conflict(new ApiError($"the pool of campaign '{campaign.Id}' has no code left for this contact's tier; upload more codes"))
            : Results.Created($"/api/coupons/{coupon.Code}", CouponView.From(coupon, now));
    }

    private static async Task<CampaignView?> ViewAsync(CouponStore store, string id, CancellationToken ct)
    {
        var stored = await store.FindCampaignAsync(id, ct);
        if (stored is null || CouponCampaignParser.Parse(stored.Definition).Campaign is not { } campaign)
        {
            return null;
        }

        return CampaignView.From(stored, campaign, await store.StatsAsync(id, ct));
    }
}
