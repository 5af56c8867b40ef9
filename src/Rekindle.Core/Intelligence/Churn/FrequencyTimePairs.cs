namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// The distinct (frequency, time) combinations among the groups' (x, t_x) and (x, T), so that a likelihood term
/// depending on one such pair (Pareto/NBD's hypergeometric part) is computed once per pair per evaluation.
/// </summary>
internal sealed class FrequencyTimePairs
{
    private FrequencyTimePairs(int[] frequencyIndex, int[] timeIndex, int[] ofRecency, int[] ofT)
    {
        FrequencyIndex = frequencyIndex;
        TimeIndex = timeIndex;
        OfRecency = ofRecency;
        OfT = ofT;
    }

    /// <summary>Per pair, its frequency's position in <see cref="GroupedSummaries.DistinctFrequencies"/>.</summary>
    public int[] FrequencyIndex { get; }

    /// <summary>Per pair, its time's position in <see cref="GroupedSummaries.Times"/>.</summary>
    public int[] TimeIndex { get; }

    /// <summary>Per group, the pair (x, t_x).</summary>
    public int[] OfRecency { get; }

    /// <summary>Per group, the pair (x, T).</summary>
    public int[] OfT { get; }

    public static FrequencyTimePairs Build(GroupedSummaries data)
    {
        var positions = new Dictionary<(int, int), int>();
        var frequencies = new List<int>();
        var times = new List<int>();
        int count = data.Rows.Length;
        var ofRecency = new int[count];
        var ofT = new int[count];

        int PositionOf(int frequency, int time)
        {
            if (!positions.TryGetValue((frequency, time), out int position))
            {
                position = frequencies.Count;
                positions.Add((frequency, time), position);
                frequencies.Add(frequency);
                times.Add(time);
            }

            return position;
        }

        for (int i = 0; i < count; i++)
        {
            ofRecency[i] = PositionOf(data.FrequencyIndex[i], data.RecencyIndex[i]);
            ofT[i] = PositionOf(data.FrequencyIndex[i], data.TimeIndex[i]);
        }

        return new FrequencyTimePairs([.. frequencies], [.. times], ofRecency, ofT);
    }
}
