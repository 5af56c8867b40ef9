namespace Rekindle.Core.Flows;

/// <summary>How far a wait may be stretched to reach the contact's most engaged hour, and on which channel's engagement.</summary>
/// <param name="Channel">"email", "sms" or "push".</param>
public sealed record SendTimeWindow(TimeSpan Within, string Channel);
