using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Rekindle.Engine.Clock;
using Rekindle.Server.Features.Hosting;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Catalog;

namespace Rekindle.Server.Features.Catalog;

/// <summary>
/// The shop's product catalogue: the shop (or its sync job) puts products in batches; recommendations leave out what
/// is out of stock and upsell within a category from it. A batch is stored whole or not at all.
/// </summary>
public static class CatalogApi
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalog/products").WithTags("Catalog");
        api.MapPut("/", UpsertAsync)
            .Accepts<CatalogRequest>("application/json").Produces<UpsertView>().Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary($"Create or replace 1–{ProductBatchReader.MaxProducts} products ({{\"products\": [...]}}): " +
                "all are stored or, with any problem, none");
        api.MapGet("/", ListAsync).Produces<ProductPageView>().Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary($"Products in product id order (category; limit 1–{MaxLimit}, default {DefaultLimit}; after = the last page's next)");
        api.MapGet("/{id}", GetAsync).Produces<ProductView>().Produces<ApiError>(StatusCodes.Status404NotFound).WithSummary("One product");
        return app;
    }

    private static async Task<IResult> UpsertAsync(HttpRequest request, CatalogStore store,
        [FromKeyedServices(RekindleClock.Key)] TimeProvider time, CancellationToken ct)
    {
        var (document, refusal) = await JsonRequestBody.ParseAsync(request, ct);
        if (document is null)
        {
            return refusal!;
        }

        ProductBatch batch;
        using (document)
        {
            batch = ProductBatchReader.Read(document.RootElement);
        }

        if (batch.Problems.Count > 0)
        {
            var count = batch.Problems.Count;
            return Results.BadRequest(new ApiError($"nothing was stored: {count} problem{(count == 1 ? "" : "s")}", batch.Problems));
        }

        var result = await store.UpsertAsync(batch.Products, time.GetUtcNow(), ct);
        return Results.Ok(new UpsertView(result.Created, result.Updated));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, CatalogStore store, CancellationToken ct)
    {
        var productId = RawRouteId(context) ?? id;
        return await store.FindAsync(productId, ct) is { } stored
            ? Results.Ok(ProductView.From(stored))
            : Results.NotFound(new ApiError($"no product '{productId}'"));
    }

    /// <summary>
    /// The id as the client encoded it. Kestrel leaves %2F encoded in a route value but decodes %25, so "a/b" and
    /// "a%2Fb" would both arrive as "a%2Fb"; decoding the last segment of the raw request target keeps them apart.
    /// </summary>
    private static string? RawRouteId(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target))
        {
            return null;
        }

        var path = target.Split('?', 2)[0];
        var segment = path[(path.LastIndexOf('/') + 1)..];
        return segment.Length == 0 ? null : Uri.UnescapeDataString(segment);
    }

    // limit is read as text: a bound int would answer "abc" with an empty 400 instead of an ApiError.
    private static async Task<IResult> ListAsync(string? category, string? limit, string? after, CatalogStore store, CancellationToken ct)
    {
        var take = DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
        {
            return Results.BadRequest(new ApiError($"limit: expected 1 to {MaxLimit}",
                [new FieldProblem("limit", $"'{limit}' is not a whole number from 1 to {MaxLimit}")]));
        }

        var page = await store.ListAsync(NullIfEmpty(category), NullIfEmpty(after), take, ct);
        return Results.Ok(new ProductPageView(page.Products.Select(ProductView.From).ToList(), page.Next));
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

/// <summary>
/// The PUT body, for the API document only: the body is read by <see cref="ProductBatchReader"/>, which reports every
/// problem with its place where model binding would stop at the first.
/// </summary>
public sealed record CatalogRequest(IReadOnlyList<ProductInput> Products);

/// <param name="InStock">True when left out.</param>
/// <param name="Currency">ISO 4217, required with a price.</param>
public sealed record ProductInput(
    string ProductId, string? Name, string? Category, decimal? Price, string? Currency, bool? InStock, string? Url, string? ImageUrl);

/// <param name="Created">Products new to the catalogue.</param>
/// <param name="Updated">Products that existed; every field was replaced by the one sent (a field left out is cleared).</param>
public sealed record UpsertView(int Created, int Updated);

/// <param name="Next">Pass as <c>after</c> for the next page; null on the last page.</param>
public sealed record ProductPageView(IReadOnlyList<ProductView> Products, string? Next);

public sealed record ProductView(
    string ProductId, string? Name, string? Category, decimal? Price, string? Currency, bool InStock, string? Url, string? ImageUrl,
    DateTimeOffset UpdatedAt)
{
    public static ProductView From(StoredProduct stored)
    {
        var p = stored.Product;
        return new ProductView(p.ProductId, p.Name, p.Category, p.Price, p.Currency, p.InStock, p.Url, p.ImageUrl, stored.UpdatedAt);
    }
}
