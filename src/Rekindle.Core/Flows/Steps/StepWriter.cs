using System.Text.Json;

namespace Rekindle.Core.Flows;

/// <summary>Small helpers the steps' writers share.</summary>
internal static class StepWriter
{
    /// <summary>Writes the property only when it has a value: an absent optional field reads back as null.</summary>
    public static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
