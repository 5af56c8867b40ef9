using Rekindle.Engine.Clock;
using Rekindle.Engine.Common;
using Rekindle.Server.Features.Security;

namespace Rekindle.Server.Features.DevClock;

/// <summary>
/// Moves the server's clock forward, so a demo or a black-box test sees a 24-hour wait end now.
/// Only mapped when Clock:Adjustable is true; never in production.
/// </summary>
public static class DevClockApi
{
    public static IEndpointRouteBuilder MapDevClockApi(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Clock:Adjustable", false))
        {
            return app;
        }

        var api = app.MapGroup("/api/dev/clock").WithTags("Development");
        api.MapGet("/", (AdjustableClock clock) => Results.Ok(new ClockView(clock.GetUtcNow(), clock.Offset)));
        api.MapPost("/advance", (AdvanceRequest request, AdjustableClock clock, EngineSignals signals) =>
        {
            if (!TryParseDuration(request.By, out var by) || by < TimeSpan.Zero)
            {
                return Results.BadRequest(new ApiError("by: expected a non-negative duration like \"24:00:00\" or \"1.00:00:00\"",
                    [new FieldProblem("by", $"'{request.By}' is not a non-negative duration")]));
            }

            clock.Advance(by);
            signals.TimersChanged.Set();
            return Results.Ok(new ClockView(clock.GetUtcNow(), clock.Offset));
        }).WithSummary("Advance the server clock (Clock:Adjustable=true only)");
        return app;
    }

    private static bool TryParseDuration(string? text, out TimeSpan value) =>
        TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out value);
}

public sealed record AdvanceRequest(string? By);

public sealed record ClockView(DateTimeOffset Now, TimeSpan Offset);
