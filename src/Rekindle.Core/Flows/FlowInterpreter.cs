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
/// Three entry points — <see cref="Start(FlowDefinition, string, string, EventMessage, FlowInput)"/>, <see cref="Resume(FlowDefinition, FlowInstance, FlowInput)"/> (a timer) and
/// <see cref="OnEvent"/> (an event for a running instance) — decide where to continue and hand over to one step loop,
/// which asks each step what it does (<see cref="FlowStep.Execute"/>); nothing here knows the kinds of steps.
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
        DateTimeOffset now) => Start(flow, instanceId, contactId, trigger, new FlowInput(profile, now));

    /// <summary>Creates an instance for <paramref name="trigger"/> and runs it from the start step.</summary>
    public static FlowStepResult Start(FlowDefinition flow, string instanceId, string contactId, EventMessage trigger, FlowInput input)
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
            UpdatedAt = input.Now,
        };
        return Run(flow, instance, flow.StartStepId, input, null);
    }

    /// <summary>
    /// Continues a waiting instance once its wake-up time has come. Before <see cref="FlowInstance.WakeAt"/>,
    /// or for an instance that is not waiting, it returns the instance unchanged with no effects, so a
    /// duplicate or early wake-up is harmless.
    /// </summary>
    public static FlowStepResult Resume(FlowDefinition flow, FlowInstance instance, ContactProfile profile, DateTimeOffset now) =>
        Resume(flow, instance, new FlowInput(profile, now));

    /// <inheritdoc cref="Resume(FlowDefinition, FlowInstance, ContactProfile, DateTimeOffset)"/>
    public static FlowStepResult Resume(FlowDefinition flow, FlowInstance instance, FlowInput input)
    {
        CheckBelongs(flow, instance);
        if (instance.Status != FlowInstanceStatus.Active || instance.WakeAt is not { } wakeAt || input.Now < wakeAt)
        {
            return new(instance, []);
        }

        return Continue(flow, instance with { WakeAt = null }, input, (step, context) => step.OnWake(context)) ?? new(instance, []);
    }

    /// <summary>
    /// An event reached the contact of a running instance: a goal of the flow converts the instance wherever it waits;
    /// otherwise the step it waits at decides (a wait for that event goes on). Anything else returns the instance
    /// unchanged with no effects. <paramref name="input"/>'s profile must already include the event.
    /// </summary>
    public static FlowStepResult OnEvent(FlowDefinition flow, FlowInstance instance, EventMessage e, FlowInput input)
    {
        CheckBelongs(flow, instance);
        if (instance.Status != FlowInstanceStatus.Active || e.MessageId == instance.TriggerMessageId)
        {
            return new(instance, []);
        }

        // An event from before the journey began (reaching us late) is not something the shopper did since.
        if (e.Timestamp >= instance.StartedAt && flow.Goals.FirstOrDefault(g => g.Match.Matches(e, instance, input.Profile, input.Now)) is { } goal)
        {
            var converted = instance with
            {
                Status = FlowInstanceStatus.Converted,
                WakeAt = null,
                UpdatedAt = input.Now,
                ExitReason = FlowExitReasons.For(FlowExitReasons.Goal, goal.Match.Event),
            };
            return new(converted, []) { Visits = [new StepVisit(instance.CurrentStepId, input.Now, "converted", goal.Match.Event, Resumed: true)] };
        }

        // Past its wake-up the instance is the timer's: its timeout path wins over an event that came after it.
        if (instance.WakeAt is { } wakeAt && input.Now >= wakeAt)
        {
            return new(instance, []);
        }

        return Continue(flow, instance, input, (step, context) => step.OnEvent(context, e)) ?? new(instance, []);
    }

    private static void CheckBelongs(FlowDefinition flow, FlowInstance instance)
    {
        if (instance.FlowId != flow.Id)
        {
            throw new ArgumentException($"Instance {instance.Id} belongs to flow {instance.FlowId}, not {flow.Id}.", nameof(instance));
        }
    }

    /// <summary>Asks the step the instance waits at where to go, then runs on from there; null when the step stays put.</summary>
    private static FlowStepResult? Continue(FlowDefinition flow, FlowInstance instance, FlowInput input, Func<FlowStep, StepContext, StepOutcome?> ask)
    {
        // The definition may have been edited while the instance waited.
        if (!flow.TryGetStep(instance.CurrentStepId, out FlowStep? step))
        {
            var exited = Exit(instance, FlowExitReasons.MissingStep, instance.CurrentStepId, instance.CurrentStepId, input.Now);
            return new(exited, []) { Visits = [new StepVisit(instance.CurrentStepId, input.Now, "exited", Resumed: true)] };
        }

        var context = new StepContext(flow, instance, input);
        return ask(step, context) is { } outcome ? Run(flow, instance, null, input, (step, outcome, context)) : null;
    }

    private static FlowStepResult Run(
        FlowDefinition flow, FlowInstance instance, string? stepId, FlowInput input, (FlowStep Step, StepOutcome Outcome, StepContext Context)? first)
    {
        var visits = ImmutableArray.CreateBuilder<StepVisit>();
        StepContext context = first?.Context ?? new StepContext(flow, instance, input);
        List<FlowEffect> effects = context.Effects;

        DateTimeOffset now = input.Now;
        string last = instance.CurrentStepId;
        FlowStep? step = first?.Step;
        StepOutcome? outcome = first?.Outcome;
        bool resumed = first is not null;
        for (int executed = 0; ; executed++)
        {
            if (outcome is null)
            {
                if (stepId is null)
                {
                    return Done(instance with { Status = FlowInstanceStatus.Completed, CurrentStepId = last, WakeAt = null, UpdatedAt = now }, "completed");
                }

                if (executed == MaxStepsPerRun)
                {
                    return Done(Exit(instance, FlowExitReasons.StepLimit, stepId, last, now), null);
                }

                if (!flow.TryGetStep(stepId, out step))
                {
                    visits.Add(new StepVisit(stepId, now, "exited"));
                    return Done(Exit(instance, FlowExitReasons.MissingStep, stepId, stepId, now), null);
                }

                context.Instance = instance;
                outcome = step.Execute(context);
            }

            last = step!.Id;
            switch (outcome)
            {
                case NextStep next:
                    visits.Add(new StepVisit(step.Id, now, "next", next.Path, resumed));
                    stepId = next.StepId;
                    break;

                case PauseHere pause:
                    visits.Add(new StepVisit(step.Id, now, "waiting", null, resumed));
                    if (pause.WakeAt is { } wakeAt)
                    {
                        effects.Add(new ScheduleWake(wakeAt, pause.BestTime));
                    }

                    return Done(instance with { CurrentStepId = step.Id, WakeAt = pause.WakeAt, UpdatedAt = now }, null);

                case ExitFlow exit:
                    visits.Add(new StepVisit(step.Id, now, "exited", exit.Path, resumed));
                    return Done(Exit(instance, exit.Reason, step.Id, step.Id, now), null);

                default:
                    throw new NotSupportedException($"Step outcome {outcome.GetType().Name} is not supported.");
            }

            outcome = null;
            resumed = false;
        }

        FlowStepResult Done(FlowInstance result, string? endOutcome)
        {
            if (endOutcome is not null && visits.Count > 0)
            {
                // Running off the end: the last step's visit says the journey completed there.
                visits[^1] = visits[^1] with { Outcome = endOutcome };
            }

            return new(result, [.. effects])
            {
                Visits = visits.ToImmutable(),
                Profile = context.ProfileChanged ? context.Profile : null,
            };
        }
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
