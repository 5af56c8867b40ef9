using System.Collections.Immutable;
using System.Text.Json;
using Rekindle.Core.Consent;
using Rekindle.Core.Contacts;
using Rekindle.Server.Features.Hosting;
using Rekindle.Storage.Scores;

namespace Rekindle.Server.Features.Contacts;

/// <summary>
/// A contact's profile as the API shows it: the same fields as the core <see cref="ContactProfile"/>, copied so that
/// a change to the core record is a visible change here rather than a silent one to the public API.
/// </summary>
public sealed record ProfileView(
    string Id, DateTimeOffset CreatedAt, string? UserId, string? Email, string? Phone,
    IReadOnlyDictionary<string, JsonElement> Traits, IReadOnlyDictionary<string, ProfileConsentView> Consent,
    DateTimeOffset? FirstSeenAt, DateTimeOffset? LastSeenAt, int Visits, int PageViews, int ProductsViewed,
    IReadOnlyList<string> RecentlyViewed, IReadOnlyList<CartItemView> Cart, DateTimeOffset? CartUpdatedAt, string? CartCurrency,
    DateTimeOffset? CartResetAt, IReadOnlyDictionary<string, DateTimeOffset> LastEventAt,
    int Orders, decimal Revenue, string? Currency, DateTimeOffset? FirstOrderAt, DateTimeOffset? LastOrderAt, IReadOnlyList<string> RecentOrderIds)
{
    public static ProfileView From(ContactProfile p) => new(
        p.Id, p.CreatedAt, p.UserId, p.Email, p.Phone, p.Traits,
        p.Consent.ToImmutableSortedDictionary(kv => kv.Key, kv => ProfileConsentView.From(kv.Value), StringComparer.Ordinal),
        p.FirstSeenAt, p.LastSeenAt, p.Visits, p.PageViews, p.ProductsViewed, [.. p.RecentlyViewed], [.. p.Cart.Select(CartItemView.From)],
        p.CartUpdatedAt, p.CartCurrency, p.CartResetAt, p.LastEventAt,
        p.Orders, p.Revenue, p.Currency, p.FirstOrderAt, p.LastOrderAt, [.. p.RecentOrderIds]);
}

/// <summary>A channel's consent as recorded on the profile (GET /api/contacts/{id} shows it as stored).</summary>
public sealed record ProfileConsentView(ConsentStateView State, DateTimeOffset UpdatedAt, ConsentSourceView Source, string? MessageId)
{
    public static ProfileConsentView From(ChannelConsent c) => new(ApiEnum.From<ConsentStateView>(c.State), c.UpdatedAt, ConsentSourceView.From(c.Source), c.MessageId);
}

/// <param name="IsExplicitOptIn">Whether this kind of change may undo an unsubscribe.</param>
public sealed record ConsentSourceView(ConsentSourceKindView Kind, string Name, bool IsExplicitOptIn)
{
    public static ConsentSourceView From(ConsentSource s) => new(ApiEnum.From<ConsentSourceKindView>(s.Kind), s.Name, s.IsExplicitOptIn);
}

public sealed record CartItemView(
    string ProductId, string? Sku, string Name, decimal Price, int Quantity, string? Category, string? ImageUrl, string? Url)
{
    public static CartItemView From(CartItem i) => new(i.ProductId, i.Sku, i.Name, i.Price, i.Quantity, i.Category, i.ImageUrl, i.Url);
}

/// <summary>A contact's RFM scores and segment from the last run.</summary>
public sealed record RfmView(DateTimeOffset ComputedAt, int RecencyDays, int Frequency, decimal Monetary, int R, int F, int M, string Segment)
{
    public static RfmView From(StoredRfm r) => new(r.ComputedAt, r.RecencyDays, r.Frequency, r.Monetary, r.R, r.F, r.M, r.Segment);
}
