using System.Collections.Immutable;

namespace Rekindle.Core.Orders;

/// <summary>One record of a CSV file, as <see cref="CsvReader"/> reads it.</summary>
/// <param name="Line">The physical line (1-based) the record starts on; a quoted field may continue on later lines.</param>
/// <param name="Fields">The field values, unquoted and unescaped, untrimmed.</param>
/// <param name="Error">Why the record is malformed (its fields are then best effort), or null.</param>
public sealed record CsvRecord(long Line, ImmutableArray<string> Fields, string? Error)
{
    public bool IsMalformed => Error is not null;
}
