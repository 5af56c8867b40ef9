using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Database;
using Rekindle.Storage.Events;
using Rekindle.Storage.Scores;

namespace Rekindle.Server.Features.Contacts;

/// <summary>Read access to profiles and timelines (the grains write; the API reads the database).</summary>
public static class ContactsApi
{
    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/contacts").WithTags("Contacts");
        api.MapGet("/", FindAsync).Produces<ContactView>().Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status404NotFound).WithSummary("Find a contact by email, userId or anonymousId");
        api.MapGet("/{id}", GetAsync).Produces<ContactView>().Produces<ApiError>(StatusCodes.Status404NotFound).WithSummary("A contact's profile");
        api.MapGet("/{id}/events", TimelineAsync).Produces<TimelineView>().Produces<ApiError>(StatusCodes.Status404NotFound).WithSummary("A contact's event timeline, newest first");
        return app;
    }

    private static async Task<IResult> FindAsync(string? email, string? userId, string? anonymousId, ContactStore contacts, ScoreStore scores, RekindleDatabase database, CancellationToken ct)
    {
        // kind is the identities table's name for it, parameter the API's (the one errors must speak of).
        var (kind, parameter, value) = (email, userId, anonymousId) switch
        {
            ({ } e, _, _) => ("email", "email", e.Trim().ToLowerInvariant()),
            (_, { } u, _) => ("user_id", "userId", u),
            (_, _, { } a) => ("anonymous_id", "anonymousId", a),
            _ => (null, null, null),
        };
        if (kind is null)
        {
            return Results.BadRequest(new ApiError("give one of the query parameters email, userId or anonymousId"));
        }

        var id = await contacts.LookupAsync(kind, value!, ct);
        var profile = id is null ? null : await contacts.FindLiveAsync(id, ct);
        return profile is null
            ? Results.NotFound(new ApiError($"no contact with {parameter} '{value}'"))
            : Results.Ok(await ViewAsync(profile, contacts, scores, database, ct));
    }

    private static async Task<IResult> GetAsync(string id, ContactStore contacts, ScoreStore scores, RekindleDatabase database, CancellationToken ct)
    {
        var profile = await contacts.FindLiveAsync(id, ct);
        return profile is null ? Results.NotFound(new ApiError($"no contact '{id}'")) : Results.Ok(await ViewAsync(profile, contacts, scores, database, ct));
    }

    private static async Task<IResult> TimelineAsync(string id, int? limit, ContactStore contacts, EventStore events, CancellationToken ct)
    {
        var profile = await contacts.FindLiveAsync(id, ct);
        if (profile is null)
        {
            return Results.NotFound(new ApiError($"no contact '{id}'"));
        }

        var take = Math.Clamp(limit ?? 100, 1, 1000);
        var list = await events.TimelineAsync(profile.Id, take, ct);
        return Results.Ok(new TimelineView(profile.Id, list.Select(TimelineEvent.From).ToList()));
    }

    private static async Task<ContactView> ViewAsync(ContactProfile profile, ContactStore contacts, ScoreStore scores, RekindleDatabase database, CancellationToken ct)
    {
        var identities = await contacts.IdentitiesAsync(profile.Id, ct);
        var churn = await ChurnScores.ForContactAsync(database, profile.Id, ct);
        var rfm = await scores.RfmAsync(profile.Id, ct);
        return new ContactView(ProfileView.From(profile), ChannelConsentView.AllOf(profile), identities.Select(i => new IdentityView(i.Kind, i.Value)).ToList(),
            rfm is null ? null : RfmView.From(rfm),
            churn is null ? null : ChurnView.From(churn),
            churn?.Clv);
    }
}

/// <param name="Consent">Every channel's current consent, unknown included (the history: GET /api/contacts/{id}/consent).</param>
/// <param name="Rfm">The contact's RFM scores and segment from the last run; null when it had no orders in the window.</param>
/// <param name="Churn">Risk level, the probability of a purchase within the horizon behind it, and the BTYD scores, from the last churn run.</param>
/// <param name="Clv">Expected discounted value over the configured months; null without a spend model.</param>
public sealed record ContactView(
    ProfileView Profile, IReadOnlyDictionary<string, ChannelConsentView> Consent, IReadOnlyList<IdentityView> Identities, RfmView? Rfm, ChurnView? Churn, double? Clv);

/// <summary>A contact's churn scores.</summary>
/// <param name="PAlive">P(alive) from the BTYD model (a model output, not the risk); null when that model could not be fitted.</param>
/// <param name="Risk">"low", "medium" or "high": the purchase probability against the shop's base rate (or the fallback rule).</param>
/// <param name="ExpectedPurchases90d">The BTYD model's expected purchases in the next 90 days.</param>
/// <param name="PurchaseProbability">P(at least one purchase within <paramref name="HorizonDays"/>) from the chosen model, calibrated on the backtest; null under the fallback rule.</param>
/// <param name="ExpectedPurchases">Expected purchase days within <paramref name="HorizonDays"/> from the chosen model.</param>
/// <param name="NextPurchaseExpectedAt">The last purchase plus the customer's expected gap: when a replenishment email is due.</param>
/// <param name="Overdue">Days since the last purchase divided by the expected gap; above 1 the customer is past due.</param>
/// <param name="Model">The model the risk comes from (bg-nbd, pareto-nbd, boosted-trees, or rule:overdue).</param>
public sealed record ChurnView(
    double? PAlive, string Risk, double? ExpectedPurchases90d, double? ExpectedOrderValue, DateTimeOffset ComputedAt,
    double? PurchaseProbability, int? HorizonDays, double? ExpectedPurchases, DateTimeOffset? NextPurchaseExpectedAt, double? Overdue, string? Model)
{
    public static ChurnView From(StoredChurn c) => new(
        c.PAlive, c.Risk, c.ExpectedPurchases90d, c.ExpectedOrderValue, c.ComputedAt, c.PurchaseProbability, c.HorizonDays,
        c.ExpectedPurchases, c.NextPurchaseAt, c.Overdue, c.Model);
}

public sealed record IdentityView(string Kind, string Value);

public sealed record TimelineView(string ContactId, IReadOnlyList<TimelineEvent> Events);

public sealed record TimelineEvent(
    long Seq, string MessageId, string Type, string? Event, string? Name, DateTimeOffset Timestamp, DateTimeOffset ReceivedAt,
    string? UserId, string? AnonymousId, System.Text.Json.JsonElement Properties, System.Text.Json.JsonElement Traits)
{
    public static TimelineEvent From(EventMessage m) => new(
        m.Seq, m.MessageId, EventStore.TypeName(m.Type), m.Event, m.Name, m.Timestamp, m.ReceivedAt, m.UserId, m.AnonymousId,
        System.Text.Json.JsonDocument.Parse(m.Properties).RootElement.Clone(),
        System.Text.Json.JsonDocument.Parse(m.Traits).RootElement.Clone());
}
