using Rekindle.Engine.Intelligence;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Contacts;

namespace Rekindle.Server.Features.Recommendations;

/// <summary>Product recommendations for a contact, for emails, the shop's widget and flows.</summary>
public static class RecommendationsApi
{
    private const string BoughtTogether = "bought-together";

    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/contacts/{id}/recommendations", ForContactAsync).WithTags("Recommendations")
            .WithSummary("Products for a contact (kind=bought-together; limit 1–100, default 10), never what it already bought");
        app.MapPost("/api/analytics/recommendations/train", async (Engine.Intelligence.Recommendations recommendations, CancellationToken ct) =>
            {
                var model = await recommendations.TrainAsync(ct);
                return Results.Ok(new TrainingView(model.Data.OrderCount, model.Data.ProductCount, model.Data.CustomerCount));
            })
            .WithTags("Recommendations").WithSummary("Retrain the recommendation model from the orders now (it also retrains on the scoring schedule)");
        return app;
    }

    private static async Task<IResult> ForContactAsync(string id, string? kind, int? limit, ContactStore contacts,
        Engine.Intelligence.Recommendations recommendations, CancellationToken ct)
    {
        if ((kind ?? BoughtTogether) != BoughtTogether)
        {
            return Results.BadRequest(new ApiError($"kind: only '{BoughtTogether}' is available so far",
                [new FieldProblem("kind", $"'{kind}' is not available (similar-customers and upsell are not built yet)")]));
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

        var list = await recommendations.ForContactAsync(profile.Id, limit ?? 10, ct);
        return Results.Ok(list.Select(r => new RecommendationView(r.ProductId, r.Score,
            r.Source == Core.Intelligence.Recommendations.RecommendationSource.BoughtTogether ? BoughtTogether : "best-seller")).ToList());
    }
}

public sealed record RecommendationView(string ProductId, double Score, string Source);

public sealed record TrainingView(int Orders, int Products, int Customers);
