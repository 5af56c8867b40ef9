using Rekindle.Core.Events;

namespace Rekindle.Engine.Contacts;

/// <summary>
/// The single writer of one contact (DESIGN principle 2). Everything that changes a contact — its
/// events, profile, identities, flow instances, timers and outgoing messages — is decided here and
/// committed in one transaction.
/// </summary>
[Alias("rekindle.contact")]
public interface IContactGrain : IGrainWithStringKey
{
    /// <summary>Applies new events in order, after merging other contacts in and assigning identities.</summary>
    [Alias("apply")]
    Task ApplyAsync(ContactWork work);

    /// <summary>A timer of one of this contact's flow instances is due.</summary>
    [Alias("wake")]
    Task WakeAsync(string timerId, string instanceId);

    /// <summary>A trigger timer of one of this contact's timed-trigger flows (inactivity, date trait) is due.</summary>
    [Alias("trigger")]
    Task TriggerAsync(string timerId, string flowId);

    /// <summary>Arms the timed trigger of a flow for this contact if none is armed (backfill); true when it armed one.</summary>
    [Alias("arm-trigger")]
    Task<bool> ArmTriggerAsync(string flowId);

    /// <summary>
    /// This contact is being merged into <paramref name="survivorId"/>: finish, forget the cached state
    /// and deactivate, so that the survivor reads the committed state and nobody writes it again.
    /// </summary>
    [Alias("surrender")]
    Task SurrenderAsync(string survivorId);
}

/// <param name="IsNew">The contact was just created by identity resolution: nothing to load from the database.</param>
[GenerateSerializer, Immutable, Alias("rekindle.contact-work")]
public sealed record ContactWork(
    [property: Id(0)] IReadOnlyList<EventMessage> Events,
    [property: Id(1)] IReadOnlyList<IdentityAssignment> Identities,
    [property: Id(2)] IReadOnlyList<string> MergeFrom,
    [property: Id(3)] bool IsNew = false);

[GenerateSerializer, Immutable, Alias("rekindle.identity-assignment")]
public sealed record IdentityAssignment([property: Id(0)] string Kind, [property: Id(1)] string Value);
