using Rekindle.Server.Features.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Rekindle.Core.Consent;
using Rekindle.Core.Contacts;
using Rekindle.Server.Features.Security;
using Rekindle.Storage.Contacts;
using Rekindle.Storage.Messages;

namespace Rekindle.Server.Features.Contacts;

/// <summary>A contact's consent with its audit trail, and the messages sent or skipped for it (docs/consent.md).</summary>
public static class ContactConsentApi
{
    public static IEndpointRouteBuilder MapContactConsentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/contacts").WithTags("Contacts");
        api.MapGet("/{id}/consent", ConsentAsync)
            .WithSummary("A contact's consent per channel and every change asked of it, newest first");
        api.MapGet("/{id}/messages", MessagesAsync)
            .WithSummary("The messages sent, waiting or skipped (with the reason) for a contact, newest first");
        return app;
    }

    private static async Task<Results<Ok<ContactConsentView>, NotFound<ApiError>>> ConsentAsync(
        string id, int? limit, ContactStore contacts, ConsentStore consent, CancellationToken ct)
    {
        var profile = await contacts.FindLiveAsync(id, ct);
        if (profile is null)
        {
            return TypedResults.NotFound(new ApiError($"no contact '{id}'"));
        }

        var history = await consent.HistoryAsync(profile.Id, Math.Clamp(limit ?? 100, 1, 1000), ct);
        return TypedResults.Ok(new ContactConsentView(profile.Id, ChannelConsentView.AllOf(profile), history.Select(ConsentChangeView.From).ToList()));
    }

    private static async Task<Results<Ok<List<MessageView>>, NotFound<ApiError>>> MessagesAsync(
        string id, ContactStore contacts, MessageStore messages, CancellationToken ct)
    {
        var profile = await contacts.FindLiveAsync(id, ct);
        if (profile is null)
        {
            return TypedResults.NotFound(new ApiError($"no contact '{id}'"));
        }

        return TypedResults.Ok((await messages.ForContactAsync(profile.Id, ct)).Select(MessageView.From).ToList());
    }
}

/// <param name="Channels">Every channel's current consent (unknown when nothing was recorded).</param>
/// <param name="History">Every change asked of the contact's consent, newest (by event time) first.</param>
public sealed record ContactConsentView(string ContactId, IReadOnlyDictionary<string, ChannelConsentView> Channels, IReadOnlyList<ConsentChangeView> History);

/// <param name="UpdatedAt">The event time of the change that set the state; null while unknown.</param>
/// <param name="Source">What set it, e.g. "identify trait email_consent".</param>
/// <param name="MessageId">The event that set it.</param>
public sealed record ChannelConsentView(ConsentStateView State, DateTimeOffset? UpdatedAt, string? Source, string? MessageId)
{
    public static IReadOnlyDictionary<string, ChannelConsentView> AllOf(ContactProfile profile) =>
        ConsentChannels.All.ToDictionary(channel => channel, channel => profile.Consent.TryGetValue(channel, out var c)
            ? new ChannelConsentView(ApiEnum.From<ConsentStateView>(c.State), c.UpdatedAt, c.Source.Name, c.MessageId)
            : new ChannelConsentView(ConsentStateView.Unknown, null, null, null));
}

/// <param name="At">The event time of the change.</param>
/// <param name="RecordedAt">When Rekindle applied the event.</param>
/// <param name="Outcome">applied; superseded (older than the recorded state); blocked (not an explicit enough opt-in).</param>
public sealed record ConsentChangeView(
    string Channel, DateTimeOffset At, DateTimeOffset RecordedAt, string Source, ConsentSourceKindView SourceKind, string? MessageId,
    ConsentStateView PreviousState, ConsentStateView NewState, ConsentOutcomeView Outcome)
{
    public static ConsentChangeView From(StoredConsentChange stored)
    {
        var c = stored.Change;
        return new(c.Channel, c.At, stored.RecordedAt, c.Source.Name, ApiEnum.From<ConsentSourceKindView>(c.Source.Kind), c.MessageId,
            ApiEnum.From<ConsentStateView>(c.Previous), ApiEnum.From<ConsentStateView>(c.Requested), ApiEnum.From<ConsentOutcomeView>(c.Outcome));
    }
}

/// <summary>A message without its body: what was sent or skipped, and why.</summary>
/// <param name="Reason">Why a skipped message was not sent, e.g. "consent: email unsubscribed".</param>
public sealed record MessageView(
    string Id, string? FlowId, string? InstanceId, string? StepId, string Channel, MessageKindView Kind, MessageStatusView Status, string? Reason,
    string Recipient, string Subject, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts, string? LastError)
{
    public static MessageView From(OutboxMessage m) => new(
        m.Id, m.FlowId, m.InstanceId, m.StepId, m.Channel, ApiEnum.From<MessageKindView>(m.Kind), ApiEnum.From<MessageStatusView>(m.Status), m.SkipReason, m.Recipient, m.Subject, m.CreatedAt, m.SentAt,
        m.Attempts, m.LastError);
}
