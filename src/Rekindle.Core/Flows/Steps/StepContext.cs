using Rekindle.Core.Conditions;
using Rekindle.Core.Contacts;

namespace Rekindle.Core.Flows;

/// <summary>
/// What a step sees while it runs, and where it leaves what it decided: effects for the engine (send, wake, issue a
/// coupon) and changes to the contact's profile (a trait, a tag), which later steps of the same run see at once.
/// </summary>
public sealed class StepContext
{
    internal StepContext(FlowDefinition flow, FlowInstance instance, FlowInput input)
    {
        Flow = flow;
        Instance = instance;
        Input = input;
        Profile = input.Profile;
    }

    public FlowDefinition Flow { get; }

    /// <summary>The instance as it is before this step.</summary>
    public FlowInstance Instance { get; internal set; }

    /// <summary>The contact's data and the time the engine gave the run.</summary>
    public FlowInput Input { get; }

    /// <summary>The contact's profile, with the changes earlier steps of this run made.</summary>
    public ContactProfile Profile { get; private set; }

    /// <summary>Whether a step changed <see cref="Profile"/> (the engine then stores it).</summary>
    public bool ProfileChanged { get; private set; }

    public DateTimeOffset Now => Input.Now;

    /// <summary>What the steps of this run decided, in order.</summary>
    internal List<FlowEffect> Effects { get; } = [];

    public void Emit(FlowEffect effect) => Effects.Add(effect);

    public void ChangeProfile(ContactProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile != Profile)
        {
            Profile = profile;
            ProfileChanged = true;
        }
    }

    /// <summary>Answers a condition about the contact as it is now in this run, inside this journey.</summary>
    public bool IsTrue(Condition condition) => ConditionEvaluator.IsTrue(condition,
        new ConditionContext(Profile, Now, Input.Scores, Input.History, new JourneyInfo(Flow.Id, Instance.Id, Instance.StartedAt)));
}

/// <summary>What the engine hands the interpreter about the contact for one run.</summary>
/// <param name="Profile">The contact's profile (with the event being applied, if any).</param>
/// <param name="Now">Engine time.</param>
public sealed record FlowInput(ContactProfile Profile, DateTimeOffset Now)
{
    /// <summary>The contact's time zone (its <c>timezone</c> trait, else Flows:DefaultTimeZone): local times of waits.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The contact's scores (RFM, churn, CLV), for conditions that ask about them; null: none.</summary>
    public ContactScores? Scores { get; init; }

    /// <summary>
    /// The contact's events and messages, as far back as the flow's conditions look (<see cref="ConditionNeeds"/>); null
    /// when none needs more than the profile.
    /// </summary>
    public ContactHistory? History { get; init; }
}
