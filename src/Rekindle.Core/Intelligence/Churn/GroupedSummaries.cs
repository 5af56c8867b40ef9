namespace Rekindle.Core.Intelligence.Churn;

/// <summary>One distinct (frequency, recency, T) pattern and how many customers share it.</summary>
public readonly record struct SummaryGroup(double Frequency, double Recency, double T, double Weight);

/// <summary>
/// Customers grouped by identical (x, t_x, T), the input of model fitting. A likelihood is a weighted sum over the
/// groups, and the parts that depend on x alone or on one time value alone are computed once per distinct value,
/// so a million customers cost about as much as their distinct patterns.
/// </summary>
public sealed class GroupedSummaries
{
    private GroupedSummaries(
        SummaryGroup[] groups, double[] distinctFrequencies, int[] frequencyIndex, double[] times, int[] timeIndex,
        int[] recencyIndex)
    {
        Rows = groups;
        DistinctFrequencies = distinctFrequencies;
        FrequencyIndex = frequencyIndex;
        Times = times;
        TimeIndex = timeIndex;
        RecencyIndex = recencyIndex;
        foreach (var group in groups)
        {
            CustomerCount += group.Weight;
        }

        pairs = new Lazy<FrequencyTimePairs>(() => FrequencyTimePairs.Build(this));
    }

    private readonly Lazy<FrequencyTimePairs> pairs;

    public IReadOnlyList<SummaryGroup> Groups => Rows;

    internal SummaryGroup[] Rows { get; }

    /// <summary>Total weight (the number of customers when every input row weighs 1).</summary>
    public double CustomerCount { get; }

    internal double[] DistinctFrequencies { get; }

    /// <summary>Per group, its frequency's position in <see cref="DistinctFrequencies"/>.</summary>
    internal int[] FrequencyIndex { get; }

    /// <summary>Every distinct recency and T value.</summary>
    internal double[] Times { get; }

    /// <summary>Per group, the position of its T in <see cref="Times"/>.</summary>
    internal int[] TimeIndex { get; }

    /// <summary>Per group, the position of its recency in <see cref="Times"/>.</summary>
    internal int[] RecencyIndex { get; }

    /// <summary>The distinct (x, time) pairs, for likelihoods with a term per (x, t_x) and per (x, T).</summary>
    internal FrequencyTimePairs Pairs => pairs.Value;

    public static GroupedSummaries From(IEnumerable<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return From(customers.Select(c => new SummaryGroup(c.Frequency, c.Recency, c.T, 1)));
    }

    /// <summary>Groups rows (each with its own weight, e.g. 1), merging identical patterns.</summary>
    /// <exception cref="ArgumentException">A row is not a valid history (see <see cref="Validate"/>).</exception>
    public static GroupedSummaries From(IEnumerable<SummaryGroup> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var positions = new Dictionary<(double, double, double), int>();
        var groups = new List<SummaryGroup>();
        int row = 0;
        foreach (var input in rows)
        {
            Validate(input.Frequency, input.Recency, input.T, $"row {row}");
            if (!double.IsFinite(input.Weight) || input.Weight <= 0)
            {
                throw new ArgumentException($"row {row}: the weight must be positive, not {input.Weight}", nameof(rows));
            }

            // Recency carries no information without repeats; normalising it merges more groups.
            double recency = input.Frequency == 0 ? 0 : input.Recency;
            var key = (input.Frequency, recency, input.T);
            if (positions.TryGetValue(key, out int position))
            {
                var existing = groups[position];
                groups[position] = existing with { Weight = existing.Weight + input.Weight };
            }
            else
            {
                positions.Add(key, groups.Count);
                groups.Add(new SummaryGroup(input.Frequency, recency, input.T, input.Weight));
            }

            row++;
        }

        return Index([.. groups]);
    }

    /// <summary>Throws unless x is a whole number ≥ 0 and 0 ≤ t_x ≤ T, all finite.</summary>
    public static void Validate(double frequency, double recency, double t, string what = "customer")
    {
        if (!double.IsFinite(frequency) || frequency < 0 || frequency != Math.Floor(frequency))
        {
            throw new ArgumentException($"{what}: frequency must be a whole number ≥ 0, not {frequency}");
        }

        if (!double.IsFinite(t) || t < 0)
        {
            throw new ArgumentException($"{what}: T must be ≥ 0, not {t}");
        }

        if (!double.IsFinite(recency) || recency < 0 || recency > t)
        {
            throw new ArgumentException($"{what}: recency must lie in [0, T = {t}], not {recency}");
        }
    }

    private static GroupedSummaries Index(SummaryGroup[] groups)
    {
        var frequencyPositions = new Dictionary<double, int>();
        var timePositions = new Dictionary<double, int>();
        var frequencyIndex = new int[groups.Length];
        var timeIndex = new int[groups.Length];
        var recencyIndex = new int[groups.Length];
        for (int i = 0; i < groups.Length; i++)
        {
            frequencyIndex[i] = PositionOf(frequencyPositions, groups[i].Frequency);
            timeIndex[i] = PositionOf(timePositions, groups[i].T);
            recencyIndex[i] = PositionOf(timePositions, groups[i].Recency);
        }

        return new GroupedSummaries(
            groups, ValuesByPosition(frequencyPositions), frequencyIndex, ValuesByPosition(timePositions), timeIndex,
            recencyIndex);
    }

    private static int PositionOf(Dictionary<double, int> positions, double value)
    {
        if (!positions.TryGetValue(value, out int position))
        {
            position = positions.Count;
            positions.Add(value, position);
        }

        return position;
    }

    private static double[] ValuesByPosition(Dictionary<double, int> positions)
    {
        var values = new double[positions.Count];
        foreach (var (value, position) in positions)
        {
            values[position] = value;
        }

        return values;
    }
}
