namespace Rekindle.Engine.Common;

/// <summary>Identifiers for rows the engine creates: time-ordered, unique across nodes, no coordination.</summary>
public static class Ids
{
    public static string New() => Guid.CreateVersion7().ToString("N");
}
