namespace Rekindle.Learning;

/// <summary>Cuts a labelled table down to a row budget, each class keeping its share (see
/// <see cref="BoostedTreeOptions.MaximumTrainingRows"/> for why stratified).</summary>
internal static class StratifiedSample
{
    internal static (FeatureTable Features, bool[] Labels) Take(
        FeatureTable features, bool[] labels, int positives, int budget, int seed)
    {
        if (features.Rows <= budget)
            return (features, labels);
        // Both classes keep at least one row, so the sample can still be trained on.
        var positivesKept = (int)Math.Clamp(Math.Round((double)budget * positives / features.Rows), 1, budget - 1);
        positivesKept = Math.Min(positivesKept, positives);
        var negativesKept = Math.Min(budget - positivesKept, features.Rows - positives);

        var random = new Random(seed);
        var kept = new List<int>(budget);
        kept.AddRange(Choose(RowsWhere(labels, true), positivesKept, random));
        kept.AddRange(Choose(RowsWhere(labels, false), negativesKept, random));
        // The sample keeps the table's row order, so that it does not depend on the order the classes were drawn in.
        kept.Sort();

        var width = features.Names.Count;
        var values = new float[kept.Count * width];
        var sampledLabels = new bool[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            features.Values.AsSpan(kept[i] * width, width).CopyTo(values.AsSpan(i * width, width));
            sampledLabels[i] = labels[kept[i]];
        }
        return (new FeatureTable(features.Names, values), sampledLabels);
    }

    private static int[] RowsWhere(bool[] labels, bool label) =>
        [.. Enumerable.Range(0, labels.Length).Where(row => labels[row] == label)];

    // A partial Fisher-Yates shuffle: the first `count` rows of a seeded shuffle, without shuffling the rest.
    private static ArraySegment<int> Choose(int[] rows, int count, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, rows.Length);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
        return new ArraySegment<int>(rows, 0, count);
    }
}
