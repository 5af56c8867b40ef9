using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Rekindle.Core.Intelligence.Rfm;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Intelligence;
using Rekindle.Server.Features.Security;

namespace Rekindle.Server.Features.Analytics;

/// <summary>Customer intelligence for marketers: the RFM grid and segment sizes, and scoring on demand.</summary>
public static class AnalyticsApi
{
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/analytics").WithTags("Analytics");
        api.MapGet("/rfm", async (RfmScoring rfm, CancellationToken ct) =>
                await rfm.LastRunAsync(ct) is { } run
                    ? Results.Ok(RfmRunView.From(run))
                    : Results.NotFound(new ApiError("RFM has not been scored yet: POST /api/analytics/rfm/score, or wait for the schedule")))
            .Produces<RfmRunView>().Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("The last RFM run: the 5×5 grid (R × FM) with customers and revenue per cell, and segment sizes");
        api.MapGet("/rfm/grid.svg", async (RfmScoring rfm, CancellationToken ct) =>
                await rfm.LastRunAsync(ct) is { } run
                    ? Results.Text(RfmGridPicture.Svg(new RfmGrid([.. run.Grid]), run.Segments, Title(run)), "image/svg+xml")
                    : Results.NotFound(new ApiError("RFM has not been scored yet: POST /api/analytics/rfm/score, or wait for the schedule")))
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml").Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("The last RFM run as a picture (SVG): the grid in segment colours, as strong as each cell's share, and the " +
                "segments with customers and revenue; opens in a browser with ?key=<admin key>");
        api.MapPost("/rfm/score", (string? asOf, RfmScoring rfm, [FromKeyedServices(RekindleClock.Key)] TimeProvider time, CancellationToken ct) =>
                RunAsync(asOf, time, async (at, now) => Results.Ok(RfmRunView.From(await rfm.RunAsync(at, now, ct)))))
            .Produces<RfmRunView>().Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("Score RFM now (asOf: the date to score at, default now — set it for a historic order file)");
        api.MapGet("/churn", async (ChurnScoring churn, CancellationToken ct) =>
                await churn.LastRunAsync(ct) is { } run
                    ? Results.Ok(ChurnRunView.From(run))
                    : Results.NotFound(new ApiError("churn has not been scored yet: POST /api/analytics/churn/score, or wait for the schedule")))
            .Produces<ChurnRunView>().Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("The last churn run: the fitted model, its log-likelihood, customers per risk level, the spend model");
        api.MapPost("/churn/score", (string? asOf, ChurnScoring churn, [FromKeyedServices(RekindleClock.Key)] TimeProvider time, CancellationToken ct) =>
                RunAsync(asOf, time, async (at, now) =>
                {
                    var run = await churn.RunAsync(at, now, ct);
                    return run.Converged
                        ? Results.Ok(ChurnRunView.From(run))
                        : Results.Json(new ApiError($"the {run.Model} fit did not converge ({run.Failure}); the previous scores are kept"),
                            statusCode: StatusCodes.Status422UnprocessableEntity);
                }))
            .Produces<ChurnRunView>().Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Fit the churn model and score every customer now (P(alive), risk, expected purchases, lifetime value)");
        return app;
    }

    private static string Title(RfmRunSummary run) => string.Create(CultureInfo.InvariantCulture,
        $"RFM as of {run.AsOf:yyyy-MM-dd}: {run.Customers:N0} customers with orders since {run.Window.Start:yyyy-MM-dd}");

    private static async Task<IResult> RunAsync(string? asOf, TimeProvider time, Func<DateTimeOffset, DateTimeOffset, Task<IResult>> run)
    {
        var now = time.GetUtcNow();
        var at = now;
        if (asOf is not null && !DateTimeOffset.TryParse(asOf, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out at))
        {
            return Results.BadRequest(new ApiError("asOf: expected an ISO-8601 date or date-time",
                [new FieldProblem("asOf", $"'{asOf}' is not a date")]));
        }

        return await run(at, now);
    }
}
