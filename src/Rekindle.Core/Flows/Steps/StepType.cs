using System.Collections.Frozen;
using System.Reflection;

namespace Rekindle.Core.Flows;

/// <summary>
/// What the flow language knows about one kind of step before it has read one: its JSON name, whether it pauses the
/// instance (the graph checks need that even for a step too broken to read), and how to read it. Each step record
/// declares its own as <c>public static StepType Type</c>; <see cref="FlowStepTypes"/> finds them all, so adding a step
/// kind is one new file (plus its tests) and no list to extend.
/// </summary>
public sealed class StepType
{
    internal StepType(string name, bool pauses, Func<StepReader, FlowStep?> read, params string[] templateFields)
    {
        Name = name;
        Pauses = pauses;
        Read = read;
        TemplateFields = templateFields;
    }

    /// <summary>
    /// The fields holding Liquid templates: checked on save even when the rest of the document is broken, so a broken
    /// template is reported with every other problem.
    /// </summary>
    public IReadOnlyList<string> TemplateFields { get; }

    /// <summary>The value of the step's <c>type</c> field.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether executing the step can suspend the instance until a later wake-up or event. A cycle must pass such a step,
    /// or one run of the interpreter would go round forever.
    /// </summary>
    public bool Pauses { get; }

    /// <summary>Reads the step's own fields (id and type are read already); null when anything is invalid (all reported).</summary>
    internal Func<StepReader, FlowStep?> Read { get; }

    public override string ToString() => Name;
}

/// <summary>Every step kind of the language, found from the <see cref="FlowStep"/> records that declare a <see cref="StepType"/>.</summary>
public static class FlowStepTypes
{
    private static readonly FrozenDictionary<string, StepType> ByName = Discover().ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Every step type, by JSON name in ordinal order.</summary>
    public static IReadOnlyList<StepType> All { get; } = [.. ByName.Values.OrderBy(t => t.Name, StringComparer.Ordinal)];

    public static StepType? Find(string name) => ByName.GetValueOrDefault(name);

    private static IEnumerable<StepType> Discover()
    {
        foreach (Type type in typeof(FlowStep).Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsSubclassOf(typeof(FlowStep)))
            {
                continue;
            }

            PropertyInfo property = type.GetProperty("Type", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                ?? throw new InvalidOperationException($"Step record {type.Name} must declare `public static StepType Type`.");
            yield return (StepType)property.GetValue(null)!;
        }
    }
}
