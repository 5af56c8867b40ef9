using Rekindle.Core.Contacts;
using Rekindle.Core.Flows;

namespace Rekindle.Engine.Contacts;

/// <summary>What a contact grain keeps in memory between calls: exactly what is committed.</summary>
public sealed record ContactState(
    ContactProfile? Profile,
    IReadOnlyList<FlowInstance> Active,
    IReadOnlySet<string> FlowsEverRun);
