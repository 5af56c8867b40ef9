using System.Collections.Immutable;
using Rekindle.Core.Flows;

namespace Rekindle.Core.Messaging;

/// <summary>
/// What a flow wants sent, before any rendering: the interpreter emits it in a <see cref="SendMessage"/> effect and the
/// engine hands it to the composer registered for <see cref="Channel"/>. A new channel adds a content record here and
/// a composer and transport in the engine; the interpreter does not change.
/// </summary>
public abstract record MessageContent
{
    /// <summary>The channel name (<see cref="MessageChannels"/>) whose composer and transport handle it.</summary>
    public abstract string Channel { get; }

    /// <summary>
    /// Transactional (an order confirmation, a note to the team), not a promotion: it goes to every consent state but
    /// suppressed (docs/consent.md). False: marketing.
    /// </summary>
    public bool Transactional { get; init; }
}

/// <summary>An email whose subject, HTML and text are Liquid templates, rendered by the email composer.</summary>
/// <param name="Coupon">A coupon campaign id: the contact gets a code from it before rendering, as <c>{{ coupon.code }}</c>.</param>
/// <param name="Recommendations">Products to show as <c>{% for p in recommendations %}</c>, chosen at rendering.</param>
/// <param name="To">
/// A fixed recipient (the team address of a notify step) instead of the contact's own address; the templates still
/// see the contact.
/// </param>
public sealed record EmailContent(
    string Subject, string Html, string? Text, string? Coupon = null, EmailRecommendations? Recommendations = null, string? To = null)
    : MessageContent
{
    public override string Channel => MessageChannels.Email;
}

/// <summary>An HTTP POST of a JSON body (a Liquid template rendered against the contact) to a shop's system.</summary>
/// <param name="Headers">Extra request headers, sent as given (not templates).</param>
public sealed record WebhookContent(string Url, string Body, ImmutableSortedDictionary<string, string>? Headers = null) : MessageContent
{
    public override string Channel => MessageChannels.Webhook;

    public bool Equals(WebhookContent? other) =>
        other is not null && base.Equals(other) && Url == other.Url && Body == other.Body
        && (Headers ?? ImmutableSortedDictionary<string, string>.Empty).SequenceEqual(other.Headers ?? ImmutableSortedDictionary<string, string>.Empty);

    public override int GetHashCode() => HashCode.Combine(Url, Body, Headers?.Count ?? 0);
}
