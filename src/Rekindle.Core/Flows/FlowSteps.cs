using Rekindle.Core.Messaging;

namespace Rekindle.Core.Flows;

/// <summary>An outgoing link of a step: the JSON field it is written in, and the step it points at.</summary>
/// <param name="Field">"next", "then", "else", ...</param>
/// <param name="Target">The step id, or null when following it ends the flow.</param>
public readonly record struct FlowStepLink(string Field, string? Target);

/// <summary>
/// One node of a flow. New step types derive from this and state their links, so that validation
/// (dangling links, reachability, cycles) covers them without changes.
/// </summary>
public abstract record FlowStep(string Id)
{
    /// <summary>The step's outgoing links, in JSON field order.</summary>
    public abstract IEnumerable<FlowStepLink> Links();

    /// <summary>
    /// Whether executing the step suspends the instance until a later wake-up. A cycle must pass such a
    /// step, or one run of the interpreter would go round forever.
    /// </summary>
    public virtual bool Pauses => false;
}

/// <summary>Waits a fixed time, then continues at <paramref name="Next"/> (null: the flow completes).</summary>
/// <param name="BestTime">
/// When set, the wait ends at the contact's best send time within <see cref="SendTimeWindow.Within"/> after
/// <paramref name="Duration"/> ("a day after the cart, at the hour this shopper usually reads").
/// </param>
public sealed record WaitStep(string Id, string? Next, TimeSpan Duration, SendTimeWindow? BestTime = null) : FlowStep(Id)
{
    public override IEnumerable<FlowStepLink> Links() => [new("next", Next)];

    public override bool Pauses => true;
}

/// <summary>Branches on a condition; a null branch exits the flow.</summary>
public sealed record ConditionStep(string Id, FlowCondition Condition, string? Then, string? Else) : FlowStep(Id)
{
    public override IEnumerable<FlowStepLink> Links() => [new("then", Then), new("else", Else)];
}

/// <summary>
/// Sends an email whose subject, HTML and text are Liquid templates (rendered by the channel, not here).
/// </summary>
/// <param name="Coupon">
/// A coupon campaign id: the contact gets a code from it before the email is rendered, as <c>{{ coupon.code }}</c>.
/// Every email of one journey that names the same campaign shows the same code (a reminder repeats it).
/// </param>
/// <param name="Recommendations">Products to show as <c>{% for p in recommendations %}</c>, chosen when the email is rendered.</param>
/// <param name="Transactional">
/// The email is transactional (an order confirmation, not a promotion): it goes to every consent state but suppressed
/// (docs/consent.md). False, the default: marketing.
/// </param>
public sealed record SendEmailStep(
    string Id, string? Next, string Subject, string Html, string? Text, string? Coupon = null, EmailRecommendations? Recommendations = null,
    bool Transactional = false)
    : FlowStep(Id)
{
    public override IEnumerable<FlowStepLink> Links() => [new("next", Next)];

    /// <summary>The channel-neutral message this step sends.</summary>
    public EmailContent Content => new(Subject, Html, Text, Coupon, Recommendations) { Transactional = Transactional };
}

/// <summary>Ends the flow as exited (as opposed to completed by running off the end).</summary>
public sealed record ExitStep(string Id) : FlowStep(Id)
{
    public override IEnumerable<FlowStepLink> Links() => [];
}

/// <summary>How far a wait may be stretched to reach the contact's most engaged hour, and on which channel's engagement.</summary>
/// <param name="Channel">"email", "sms" or "push".</param>
public sealed record SendTimeWindow(TimeSpan Within, string Channel);

/// <summary>Which recommender fills an email's <c>recommendations</c>, and with how many products.</summary>
/// <param name="Kind">"bought-together", "similar-customers" or "upsell".</param>
public sealed record EmailRecommendations(string Kind, int Limit);
