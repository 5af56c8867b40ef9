using System.Globalization;

namespace Rekindle.Learning;

/// <summary>
/// A table of numeric features, one row per example, stored row-major in one flat array
/// (<c>Values[row * Names.Count + feature]</c>) so that a million rows cost one allocation, not a million.
/// The array is kept, not copied: the caller must not change it afterwards.
/// </summary>
public sealed record FeatureTable
{
    public FeatureTable(IReadOnlyList<string> names, float[] values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        Names = ValidNames(names);
        if (values.Length % Names.Count != 0)
            throw new ArgumentException(
                $"Values has {values.Length} entries, which is not a whole number of rows of {Names.Count} features.",
                nameof(values));
        // ML.NET reads NaN as a missing value and FastTree would quietly route it down a default branch; a missing
        // value here is a bug in whoever built the features, so it is refused where it can still be traced.
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new ArgumentException(
                    $"Row {i / Names.Count}, feature '{Names[i % Names.Count]}' is {values[i].ToString(CultureInfo.InvariantCulture)}: every value must be a finite number.",
                    nameof(values));
        }
        Values = values;
        Rows = values.Length / Names.Count;
    }

    /// <summary>The feature names, in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Row-major values: <c>Rows * Names.Count</c> of them.</summary>
    public float[] Values { get; }

    public int Rows { get; }

    private static string[] ValidNames(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            throw new ArgumentException("A feature table needs at least one feature name.", nameof(names));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
                throw new ArgumentException($"Feature name {i} is empty.", nameof(names));
            if (!seen.Add(names[i]))
                throw new ArgumentException($"Feature name '{names[i]}' appears more than once.", nameof(names));
        }
        return [.. names];
    }
}
