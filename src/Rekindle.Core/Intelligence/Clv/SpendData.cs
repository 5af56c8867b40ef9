namespace Rekindle.Core.Intelligence.Clv;

/// <summary>Validated spend rows, identical (x, m) merged, with ln m and the distinct frequencies precomputed.</summary>
internal sealed class SpendData
{
    private SpendData(SpendRow[] rows, double[] logMonetary, double[] distinctFrequencies, int[] frequencyIndex)
    {
        Rows = rows;
        LogMonetary = logMonetary;
        DistinctFrequencies = distinctFrequencies;
        FrequencyIndex = frequencyIndex;
        foreach (var row in rows)
        {
            TotalWeight += row.Weight;
        }
    }

    public SpendRow[] Rows { get; }

    public double[] LogMonetary { get; }

    public double[] DistinctFrequencies { get; }

    public int[] FrequencyIndex { get; }

    public double TotalWeight { get; }

    public static SpendData From(IEnumerable<SpendRow> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var positions = new Dictionary<(double, double), int>();
        var rows = new List<SpendRow>();
        int index = 0;
        foreach (var row in input)
        {
            Validate(row, $"row {index++}");
            var key = (row.Frequency, row.MonetaryValue);
            if (positions.TryGetValue(key, out int position))
            {
                rows[position] = rows[position] with { Weight = rows[position].Weight + row.Weight };
            }
            else
            {
                positions.Add(key, rows.Count);
                rows.Add(row);
            }
        }

        var frequencyPositions = new Dictionary<double, int>();
        var distinct = new List<double>();
        var frequencyIndex = new int[rows.Count];
        var logMonetary = new double[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            if (!frequencyPositions.TryGetValue(rows[i].Frequency, out int position))
            {
                position = distinct.Count;
                frequencyPositions.Add(rows[i].Frequency, position);
                distinct.Add(rows[i].Frequency);
            }

            frequencyIndex[i] = position;
            logMonetary[i] = Math.Log(rows[i].MonetaryValue);
        }

        return new SpendData([.. rows], logMonetary, [.. distinct], frequencyIndex);
    }

    public static void Validate(SpendRow row, string what)
    {
        if (!double.IsFinite(row.Frequency) || row.Frequency <= 0)
        {
            throw new ArgumentException($"{what}: the Gamma-Gamma model needs repeat purchases (x > 0), not x = {row.Frequency}");
        }

        if (!double.IsFinite(row.MonetaryValue) || row.MonetaryValue <= 0)
        {
            throw new ArgumentException($"{what}: the monetary value must be positive, not {row.MonetaryValue}");
        }

        if (!double.IsFinite(row.Weight) || row.Weight <= 0)
        {
            throw new ArgumentException($"{what}: the weight must be positive, not {row.Weight}");
        }
    }
}
