using System.Collections.Immutable;

namespace Rekindle.Core.Intelligence.Rfm;

/// <summary>
/// A customer whose segment is not what it was. <paramref name="From"/> is null for a customer scored for the
/// first time (no previous segment); <paramref name="To"/> is null for a customer who had a segment but no
/// longer takes part (no order left in the look-back window).
/// </summary>
public readonly record struct RfmSegmentChange(string CustomerId, string? From, string? To);

/// <summary>What changed between the stored segments and a new run — the "RFM Segment Changed" events to emit.</summary>
public static class RfmSegmentDiff
{
    /// <param name="previous">Each customer's stored segment; customers without one are simply absent.</param>
    /// <param name="current">The new scores, each customer once (as <see cref="RfmScorer"/> gives them).</param>
    /// <returns>
    /// The changes of the scored customers in the order of <paramref name="current"/>, then those who dropped
    /// out, ordered by customer id so that the same inputs give the same list. Segment names compare exactly:
    /// a renamed segment is a change.
    /// </returns>
    public static ImmutableArray<RfmSegmentChange> Compare(IReadOnlyDictionary<string, string> previous, IReadOnlyList<RfmScore> current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var changes = ImmutableArray.CreateBuilder<RfmSegmentChange>();
        int matched = 0;
        for (int i = 0; i < current.Count; i++)
        {
            RfmScore score = current[i];
            string? from = null;
            if (previous.TryGetValue(score.CustomerId, out string? p))
            {
                from = p;
                matched++;
            }

            if (!string.Equals(from, score.Segment, StringComparison.Ordinal))
            {
                changes.Add(new RfmSegmentChange(score.CustomerId, from, score.Segment));
            }
        }

        // Scores hold each customer once, so when every stored customer was matched nobody dropped out and
        // the set of current ids (a million hashes) is not needed.
        if (matched < previous.Count)
        {
            var scored = new HashSet<string>(current.Count, StringComparer.Ordinal);
            for (int i = 0; i < current.Count; i++)
            {
                scored.Add(current[i].CustomerId);
            }

            var dropped = previous.Keys.Where(id => !scored.Contains(id)).ToList();
            dropped.Sort(StringComparer.Ordinal);
            changes.AddRange(dropped.Select(id => new RfmSegmentChange(id, previous[id], null)));
        }

        return changes.ToImmutable();
    }
}
