using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Rekindle.Core.Intelligence.Prediction;
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
            .WithSummary("The last churn run: the backtest of every model against the baselines on the shop's own history (AUC, Brier, " +
                "calibration by decile), the model chosen for risk and why, customers per risk level, and the BTYD and spend models");
        api.MapGet("/churn/calibration.svg", async (ChurnScoring churn, CancellationToken ct) =>
                await churn.LastRunAsync(ct) is { Risk: { } risk } run
                    ? Results.Text(CalibrationPicture.Svg(risk.Backtest, risk.Model, ChurnTitle(run, risk)), "image/svg+xml")
                    : Results.NotFound(new ApiError("churn has not been scored yet: POST /api/analytics/churn/score, or wait for the schedule")))
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml").Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("The last churn backtest as a picture (SVG): each model's predicted probability against the share who bought, " +
                "by tenth of customers, with every model's and baseline's AUC; opens in a browser with ?key=<admin key>");
        api.MapPost("/churn/score", (string? asOf, ChurnScoring churn, [FromKeyedServices(RekindleClock.Key)] TimeProvider time, CancellationToken ct) =>
                RunAsync(asOf, time, async (at, now) =>
                {
                    var run = await churn.RunAsync(at, now, ct);
                    return run.Risk is not null
                        ? Results.Ok(ChurnRunView.From(run))
                        : Results.Json(new ApiError($"nothing to score: {run.Failure}"), statusCode: StatusCodes.Status422UnprocessableEntity);
                }))
            .Produces<ChurnRunView>().Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Backtest the churn models, choose one, and score every customer now (probability of buying within the horizon, " +
                "risk level, next purchase expected; P(alive), expected purchases and lifetime value from the BTYD model). 422 when there are no orders");
        return app;
    }

    private static string Title(RfmRunSummary run) => string.Create(CultureInfo.InvariantCulture,
        $"RFM as of {run.AsOf:yyyy-MM-dd}: {run.Customers:N0} customers with orders since {run.Window.Start:yyyy-MM-dd}");

    private static string ChurnTitle(ChurnRunSummary run, ChurnRiskDecision risk) => string.Create(CultureInfo.InvariantCulture,
        $"Churn backtest as of {run.AsOf:yyyy-MM-dd}: who bought within {risk.HorizonDays} days");

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
