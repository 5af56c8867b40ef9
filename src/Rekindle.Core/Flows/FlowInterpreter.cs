using System.Collections.Immutable;
using Rekindle.Core.Contacts;
using Rekindle.Core.Events;
using Rekindle.Core.Flows.Triggers;

namespace Rekindle.Core.Flows;

/// <summary>
/// Runs flow instances as a pure function: (definition, instance, profile, now) → (instance, effects).
/// A run executes steps until the instance waits or ends; the caller persists the new instance together
/// with the effects and carries the effects out. Nothing here reads a clock or does I/O.
/// </summary>
/// <remarks>
/// Further entry points (e.g. an <c>OnEvent</c> that ends an instance when a goal event arrives, or
/// resumes a "wait until event" step) fit beside <see cref="Resume"/>: they decide where to continue and
/// hand over to the same step loop.
/// </remarks>
public static class FlowInterpreter
{
    /// <summary>
    /// Steps one run may execute. Validation rejects cycles without a wait, so only a hand-built or
    /// pathological definition reaches this; the instance then exits instead of spinning.
    /// </summary>
    public const int MaxStepsPerRun = 100;

    /// <summary>Whether this event starts a new instance of the flow for the contact (see <see cref="FlowStartDecision"/>).</summary>
    /// <param name="profile">The contact's profile with this event applied.</param>
    /// <param name="history">The contact's instances of this flow, as the engine knows them before this event.</param>
    public static bool ShouldStart(FlowDefinition flow, EventMessage e, ContactProfile profile, FlowHistory history) =>
        FlowStartDecision.OnEvent(flow, e, profile, profile, history) is not null;

    /// <summary>
    /// Creates an instance for <paramref name="trigger"/> and runs it from the start step.
    /// <paramref name="profile"/> must already include the trigger event.
    /// </summary>
    public static FlowStepResult Start(
        FlowDefinition flow,
        string instanceId,
        string contactId,
        EventMessage trigger,
        ContactProfile profile,
        DateTimeOffset now)
    {
        var instance = new FlowInstance
        {
            Id = instanceId,
            FlowId = flow.Id,
            ContactId = contactId,
            Status = FlowInstanceStatus.Active,
            CurrentStepId = flow.StartStepId,

            // The event's own (skew-corrected) time, not `now`: "since the flow started" conditions compare
            // against profile.LastEventAt, which holds event times too. An event that reaches us late (an
            // app's offline queue, a retried webhook, an import) would otherwise start the flow after an
            // order the shopper placed right after adding to the cart, and the reminder would go out anyway.
            StartedAt = trigger.Timestamp,
            TriggerMessageId = trigger.MessageId,
            UpdatedAt = now,
        };
        return Run(flow, instance, flow.StartStepId, profile, now);
    }

    /// <summary>
    /// Continues a waiting instance once its wake-up time has come. Before <see cref="FlowInstance.WakeAt"/>,
    /// or for an instance that is not waiting, it returns the instance unchanged with no effects, so a
    /// duplicate or early wake-up is harmless.
    /// </summary>
    public static FlowStepResult Resume(FlowDefinition flow, FlowInstance instance, ContactProfile profile, DateTimeOffset now)
    {
        if (instance.FlowId != flow.Id)
        {
            throw new ArgumentException($"Instance {instance.Id} belongs to flow {instance.FlowId}, not {flow.Id}.", nameof(instance));
        }

        if (instance.Status != FlowInstanceStatus.Active || instance.WakeAt is not { } wakeAt || now < wakeAt)
        {
            return new(instance, []);
        }

        // The definition may have been edited while the instance waited.
        if (!flow.TryGetStep(instance.CurrentStepId, out FlowStep? step))
        {
            return new(Exit(instance, FlowExitReasons.MissingStep, instance.CurrentStepId, instance.CurrentStepId, now), []);
        }

        if (step is not WaitStep wait)
        {
            return new(Exit(instance, FlowExitReasons.NotWaiting, step.Id, step.Id, now), []);
        }

        return Run(flow, instance with { WakeAt = null }, wait.Next, profile, now);
    }

    private static FlowStepResult Run(FlowDefinition flow, FlowInstance instance, string? stepId, ContactProfile profile, DateTimeOffset now)
    {
        var effects = ImmutableArray.CreateBuilder<FlowEffect>();
        string last = instance.CurrentStepId;
        for (int executed = 0; ; executed++)
        {
            if (stepId is null)
            {
                return Done(instance with { Status = FlowInstanceStatus.Completed, CurrentStepId = last, WakeAt = null, UpdatedAt = now });
            }

            if (executed == MaxStepsPerRun)
            {
                return Done(Exit(instance, FlowExitReasons.StepLimit, stepId, last, now));
            }

            if (!flow.TryGetStep(stepId, out FlowStep? step))
            {
                return Done(Exit(instance, FlowExitReasons.MissingStep, stepId, stepId, now));
            }

            last = step.Id;
            switch (step)
            {
                case WaitStep wait:
                    DateTimeOffset wakeAt = now + wait.Duration;
                    effects.Add(new ScheduleWake(wakeAt, wait.BestTime));
                    return Done(instance with { CurrentStepId = wait.Id, WakeAt = wakeAt, UpdatedAt = now });

                case ConditionStep condition:
                    bool holds = FlowConditionEvaluator.IsTrue(condition.Condition, instance, profile);
                    stepId = holds ? condition.Then : condition.Else;
                    if (stepId is null)
                    {
                        string reason = holds ? FlowExitReasons.ConditionTrue : FlowExitReasons.ConditionFalse;
                        return Done(Exit(instance, reason, condition.Id, condition.Id, now));
                    }

                    break;

                case SendEmailStep when flow.Trigger.IsCartTrigger && profile.Cart.IsEmpty:
                    return Done(Exit(instance, FlowExitReasons.CartEmpty, step.Id, step.Id, now));

                case SendEmailStep email:
                    effects.Add(new SendMessage(email.Id, email.Content));
                    stepId = email.Next;
                    break;

                case ExitStep exit:
                    return Done(Exit(instance, FlowExitReasons.ExitStep, exit.Id, exit.Id, now));

                default:
                    throw new NotSupportedException($"Step type {step.GetType().Name} is not supported.");
            }
        }

        FlowStepResult Done(FlowInstance result) => new(result, effects.ToImmutable());
    }

    private static FlowInstance Exit(FlowInstance instance, string reason, string reasonStepId, string currentStepId, DateTimeOffset now) =>
        instance with
        {
            Status = FlowInstanceStatus.Exited,
            CurrentStepId = currentStepId,
            WakeAt = null,
            UpdatedAt = now,
            ExitReason = FlowExitReasons.For(reason, reasonStepId),
        };
}
