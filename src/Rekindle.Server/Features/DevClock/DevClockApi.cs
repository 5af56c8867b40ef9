using Rekindle.Engine.Clock;
using Rekindle.Engine.Common;
using Rekindle.Server.Features.Hosting;
using Rekindle.Server.Features.Security;

namespace Rekindle.Server.Features.DevClock;

/// <summary>
/// Moves the server's clock forward, so a demo or a black-box test sees a 24-hour wait end now.
/// Only works when Clock:Adjustable is true; never in production. Without it every call answers 404 with
/// a JSON error naming the setting, rather than an empty 404 that looks like a wrong URL.
/// </summary>
public static class DevClockApi
{
    public const string Setting = "Clock:Adjustable";

    public static IEndpointRouteBuilder MapDevClockApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dev/clock").WithTags("Development");
        if (!app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue(Setting, false))
        {
            api.MapMethods("/{**rest}", [HttpMethods.Get, HttpMethods.Post], () => Off)
                .Produces<ApiError>(StatusCodes.Status404NotFound).ExcludeFromDescription();
            return app;
        }

        api.MapGet("/", (AdjustableClock clock) => TypedResults.Ok(new ClockView(clock.GetUtcNow(), clock.Offset)))
            .Produces<ApiError>(StatusCodes.Status404NotFound).WithSummary("The server clock and how far it was advanced");
        api.MapPost("/advance", async (HttpRequest http, AdjustableClock clock, EngineSignals signals, CancellationToken ct) =>
        {
            var (request, refusal) = await JsonRequestBody.ReadAsync<AdvanceRequest>(http, ct);
            if (request is null)
            {
                return refusal!;
            }

            if (!TryParseDuration(request.By, out var by) || by < TimeSpan.Zero)
            {
                return Results.BadRequest(new ApiError("by: expected a non-negative duration like \"24:00:00\" or \"1.00:00:00\"",
                    [new FieldProblem("by", $"'{request.By}' is not a non-negative duration")]));
            }

            clock.Advance(by);

            // Timers and message retries (a webhook's back-off) that the jump made due go now, not a poll later.
            signals.TimersChanged.Set();
            signals.MessagesQueued.Set();
            return Results.Ok(new ClockView(clock.GetUtcNow(), clock.Offset));
        }).DocumentsBody<AdvanceRequest>()
            .Produces<ClockView>().Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status404NotFound).WithSummary("Advance the server clock (Clock:Adjustable=true only)");
        return app;
    }

    private static IResult Off => Results.Json(new ApiError(
        "the adjustable clock is off; start the server with Clock__Adjustable=true (never in production)",
        [new FieldProblem(Setting, "is false: the server clock cannot be moved")]), statusCode: StatusCodes.Status404NotFound);

    private static bool TryParseDuration(string? text, out TimeSpan value) =>
        TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out value);
}

public sealed record AdvanceRequest(string? By);

public sealed record ClockView(DateTimeOffset Now, TimeSpan Offset);
