using System.Globalization;
using System.Text.Json;
using Rekindle.Core.Events;

namespace Rekindle.Core.Tracking;

/// <summary>A recipient's mail client fetched a tracking URL of a sent message.</summary>
/// <param name="Url">The link's original address (clicks only).</param>
/// <param name="UserAgent">What fetched it: tells a person's mail client from an image proxy or a link scanner.</param>
/// <param name="InstanceId">The journey that sent it: a wait for this email's open (waitForEvent "fromStep") matches on it.</param>
public sealed record EmailHit(TrackingToken Token, string? FlowId, string? StepId, string? Url, DateTimeOffset At, string? UserAgent)
{
    public string? InstanceId { get; init; }
}

/// <summary>
/// Opens and clicks as track events, named as in Segment's email events spec ("Email Opened", "Email Link
/// Clicked"), so flows, segments and the send-time choice read them like any event — and events a shop's own
/// ESP sends under those names count the same way.
/// </summary>
public static class EmailEvents
{
    public const string Opened = "Email Opened";
    public const string LinkClicked = "Email Link Clicked";

    /// <summary>How long repeated hits of one URL count as one: a double fetch, a retry or a re-render is not a new open.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(1);

    private const int MaxUserAgentLength = 512;

    /// <summary>
    /// The event's messageId: the same message (and link) in the same minute gives the same id, and the events
    /// table stores a messageId once — so replays are dropped while an open the next minute is a new event.
    /// </summary>
    public static string MessageIdOf(TrackingToken token, DateTimeOffset at)
    {
        var window = (at.ToUnixTimeMilliseconds() / (long)ReplayWindow.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        return token.Link is { } link
            ? $"email-click:{token.MessageId}:{link.ToString(CultureInfo.InvariantCulture)}:{window}"
            : $"email-open:{token.MessageId}:{window}";
    }

    /// <summary>The event for <paramref name="hit"/>, addressed to the contact by its userId or (without one) anonymousId.</summary>
    public static EventMessage ToEvent(EmailHit hit, string? userId, string? anonymousId)
    {
        ArgumentNullException.ThrowIfNull(hit);
        if (userId is null && anonymousId is null)
        {
            throw new ArgumentException("an event needs a userId or an anonymousId");
        }

        var token = hit.Token;
        var properties = token.Link is { } link
            ? JsonSerializer.Serialize(new
            {
                message_id = token.MessageId, flow_id = hit.FlowId, step_id = hit.StepId, instance_id = hit.InstanceId, link_index = link,
                link_url = hit.Url,
            })
            : JsonSerializer.Serialize(new { message_id = token.MessageId, flow_id = hit.FlowId, step_id = hit.StepId, instance_id = hit.InstanceId });
        var agent = hit.UserAgent is { Length: > MaxUserAgentLength } tooLong ? tooLong[..MaxUserAgentLength] : hit.UserAgent;
        return new EventMessage
        {
            MessageId = MessageIdOf(token, hit.At),
            Type = MessageType.Track,
            Event = token.IsOpen ? Opened : LinkClicked,
            UserId = userId,
            AnonymousId = userId is null ? anonymousId : null,
            Timestamp = hit.At,
            ReceivedAt = hit.At,
            Properties = properties,
            // Marked as Rekindle's own observation of the shopper (not a batch job's "source"): it happened when
            // the shopper acted, so it is engagement like a page view.
            Context = string.IsNullOrEmpty(agent)
                ? """{"rekindle":{"tracking":"email"}}"""
                : JsonSerializer.Serialize(new { rekindle = new { tracking = "email" }, userAgent = agent }),
        };
    }
}
