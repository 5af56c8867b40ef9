using System.Globalization;
using Rekindle.Core.Intelligence.SendTime;
using Rekindle.Engine.Intelligence;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Contacts;

namespace Rekindle.Server.Features.SendTime;

/// <summary>
/// When to send a contact a message: its most engaged hour of the week inside a window. For email, opens and
/// clicks count beside visits and purchases (an hour with an open counts double); for sms and push, which have
/// no tracking yet, visits and purchases only.
/// </summary>
public static class SendTimeApi
{
    public static IEndpointRouteBuilder MapSendTimeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/contacts/{id}/send-time", ChooseAsync).WithTags("Contacts")
            .Produces<SendTimeView>().Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("Best send time for a contact and channel inside [earliest, latest] (ISO-8601 date-times)");
        return app;
    }

    private static async Task<IResult> ChooseAsync(string id, string? channel, string? earliest, string? latest,
        ContactStore contacts, SendTimes sendTimes, CancellationToken ct)
    {
        var problems = new List<FieldProblem>();
        channel ??= "email";
        var known = SendChannelNames.Parse(channel);
        if (known is null)
        {
            problems.Add(new FieldProblem("channel", $"'{channel}' is not one of {string.Join(", ", SendChannelNames.All)}"));
        }

        var from = Parse(earliest, "earliest", problems);
        var to = Parse(latest, "latest", problems);
        if (problems.Count == 0 && to < from)
        {
            problems.Add(new FieldProblem("latest", "is before earliest"));
        }

        if (problems.Count > 0)
        {
            return Results.BadRequest(new ApiError($"{problems[0].Field} {problems[0].Problem}", problems));
        }

        var profile = await contacts.FindLiveAsync(id, ct);
        if (profile is null)
        {
            return Results.NotFound(new ApiError($"no contact '{id}'"));
        }

        var choice = await sendTimes.ChooseAsync(profile.Id, known!.Value, from, to, ct);
        return Results.Ok(new SendTimeView(choice.SendAt, channel, choice.HourOfWeek, choice.ContactEvents, choice.Weight));
    }

    private static DateTimeOffset Parse(string? text, string field, List<FieldProblem> problems)
    {
        if (text is null)
        {
            problems.Add(new FieldProblem(field, "is required (an ISO-8601 date-time)"));
            return default;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            problems.Add(new FieldProblem(field, $"'{text}' is not an ISO-8601 date-time"));
        }

        return value;
    }
}

/// <param name="HourOfWeek">Monday 00:00 UTC = 0 … Sunday 23:00 UTC = 167.</param>
/// <param name="ContactEvents">
/// The contact's own engagement the choice rests on, in weighted active hours (an hour of a day with a visit or purchase
/// counts 1, with an email open or click 2 for email); little means mostly the shop's pattern.
/// </param>
public sealed record SendTimeView(DateTimeOffset SendAt, string Channel, int HourOfWeek, int ContactEvents, double Weight);
