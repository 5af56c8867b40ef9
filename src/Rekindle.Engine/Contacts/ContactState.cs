using Rekindle.Core.Contacts;
using Rekindle.Core.Flows;
using Rekindle.Storage.Flows;

namespace Rekindle.Engine.Contacts;

/// <summary>What a contact grain keeps in memory between calls: exactly what is committed.</summary>
/// <param name="Triggers">Armed trigger timers and last starts per flow; null: none.</param>
public sealed record ContactState(
    ContactProfile? Profile,
    IReadOnlyList<FlowInstance> Active,
    IReadOnlySet<string> FlowsEverRun,
    ContactTriggers? Triggers = null);

/// <summary>Per flow: the armed trigger timer (timed triggers) and the latest instance start (re-entry oncePer).</summary>
public sealed record ContactTriggers(
    IReadOnlyDictionary<string, ArmedTrigger> Armed,
    IReadOnlyDictionary<string, DateTimeOffset> LastStarted);
