using Rekindle.Engine.Telemetry;
using Rekindle.Server.Features.Ingestion;

namespace Rekindle.Server.Features.Operations;

/// <summary>
/// Counts the events an ingestion call accepted, read from its answer: a 200 is only sent after the
/// commit, so what it reports as accepted is durable.
/// </summary>
internal sealed class AcceptedEventsFilter(EngineMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } and IValueHttpResult { Value: IngestionResponse { Accepted: > 0 } answer })
        {
            metrics.EventsAccepted(answer.Accepted);
        }

        return result;
    }
}
