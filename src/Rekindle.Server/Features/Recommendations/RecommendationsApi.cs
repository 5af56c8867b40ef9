using Rekindle.Core.Intelligence.Recommendations;
using Rekindle.Engine.Intelligence;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Contacts;

namespace Rekindle.Server.Features.Recommendations;

/// <summary>Product recommendations for a contact, for emails, the shop's widget and flows.</summary>
public static class RecommendationsApi
{
    private const string BoughtTogether = RecommendationNames.BoughtTogether;
    private const string SimilarCustomers = RecommendationNames.SimilarCustomers;
    private const string Upsell = RecommendationNames.Upsell;

    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/contacts/{id}/recommendations", ForContactAsync).WithTags("Recommendations")
            .Produces<List<RecommendationView>>().Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary($"Products for a contact (kind={BoughtTogether} (default), {SimilarCustomers} or {Upsell}; limit 1–100, " +
                "default 10), never what it already bought nor what the catalogue marks out of stock; best sellers fill the list. " +
                "Each item carries its source and, when the catalogue knows the product, its name, price, url and image");
        app.MapPost("/api/analytics/recommendations/train", async (Engine.Intelligence.Recommendations recommendations, CancellationToken ct) =>
            {
                var run = await recommendations.TrainAsync(ct);
                return Results.Ok(new TrainingView(run.Orders, run.Products, run.Customers, run.CatalogProducts, run.ProductsFromOrders, run.ExcludedProducts));
            })
            .WithTags("Recommendations").Produces<TrainingView>()
            .WithSummary("Retrain the recommenders from the orders and reload the catalogue now (both also happen on the scoring schedule)");
        return app;
    }

    private static async Task<IResult> ForContactAsync(string id, string? kind, int? limit, ContactStore contacts,
        Engine.Intelligence.Recommendations recommendations, CancellationToken ct)
    {
        if (RecommendationNames.ParseKind(string.IsNullOrEmpty(kind) ? BoughtTogether : kind) is not { } chosen)
        {
            return Results.BadRequest(new ApiError($"kind: expected {BoughtTogether}, {SimilarCustomers} or {Upsell}",
                [new FieldProblem("kind", $"'{kind}' is not one of {BoughtTogether}, {SimilarCustomers}, {Upsell}")]));
        }

        if (limit is < 1 or > 100)
        {
            return Results.BadRequest(new ApiError("limit: expected 1 to 100", [new FieldProblem("limit", $"{limit} is out of range 1–100")]));
        }

        var profile = await contacts.FindLiveAsync(id, ct);
        if (profile is null)
        {
            return Results.NotFound(new ApiError($"no contact '{id}'"));
        }

        var list = await recommendations.ForContactAsync(profile.Id, chosen, limit ?? 10, ct);
        return Results.Ok(list.Select(View).ToList());
    }

    private static RecommendationView View(RecommendedProduct item)
    {
        var (r, product) = (item.Recommendation, item.Product);
        return new RecommendationView(r.ProductId, r.Score, RecommendationNames.Source(r.Source),
            product?.Name, product?.Price, product?.Currency, product?.Url, product?.ImageUrl);
    }

}

/// <param name="Source">Which recommender chose it: bought-together, similar-customers, upsell, or best-seller (the filler).</param>
/// <param name="Score">On the source's own scale (similarity, price step, buyers); only the order of the list compares across sources.</param>
/// <param name="Name">From the catalogue, as <paramref name="Price"/>, <paramref name="Currency"/>, <paramref name="Url"/> and
/// <paramref name="ImageUrl"/>: null when the catalogue does not know the product or lacks the field.</param>
public sealed record RecommendationView(
    string ProductId, double Score, string Source, string? Name, decimal? Price, string? Currency, string? Url, string? ImageUrl);

/// <param name="CatalogProducts">Products in the catalogue just loaded.</param>
/// <param name="ProductsFromOrders">Products the catalogue does not know, named and priced by the orders instead.</param>
/// <param name="ExcludedProducts">Ids never recommended: bookkeeping lines (postage, fees, ...) and Recommendations:ExcludedProducts.</param>
public sealed record TrainingView(int Orders, int Products, int Customers, int CatalogProducts, int ProductsFromOrders, int ExcludedProducts);
