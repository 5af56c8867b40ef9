namespace Rekindle.Core.Flows.Triggers;

/// <summary>The trigger kinds by JSON "type": the only list a new kind is added to (besides its own file).</summary>
internal static class TriggerKinds
{
    private static readonly (string Name, Func<JsonObjectReader, List<FlowError>, FlowTrigger?> Read)[] Kinds =
    [
        (EventTrigger.JsonType, EventTrigger.Read),
        (InactivityTrigger.JsonType, InactivityTrigger.Read),
        (DateTraitTrigger.JsonType, DateTraitTrigger.Read),
        (TraitChangedTrigger.JsonType, TraitChangedTrigger.Read),
        (ConsentChangedTrigger.JsonType, ConsentChangedTrigger.Read),
    ];

    public static IEnumerable<string> Names => Kinds.Select(k => k.Name);

    public static Func<JsonObjectReader, List<FlowError>, FlowTrigger?>? Reader(string type) =>
        Array.Find(Kinds, k => k.Name == type).Read;
}
