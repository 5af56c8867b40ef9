namespace Rekindle.Core.Flows;

/// <summary>
/// One problem in a flow document. <paramref name="Path"/> names the offending JSON value from the
/// document root, with properties joined by '.' and array items by their zero-based index:
/// "name", "trigger.events[1]", "steps[2].duration", "steps[1].condition.since". A whole step is
/// "steps[3]"; the document itself is the empty path "".
/// </summary>
public sealed record FlowError(string Path, string Problem)
{
    public override string ToString() => Path.Length == 0 ? Problem : $"{Path}: {Problem}";
}

/// <summary>The parsed flow, or null when there is at least one error; every error found (see <see cref="FlowParser"/> for the order).</summary>
public sealed record FlowParseResult(FlowDefinition? Flow, IReadOnlyList<FlowError> Errors)
{
    public bool Succeeded => Flow is not null;
}
