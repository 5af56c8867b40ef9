using System.Runtime.InteropServices;

namespace Rekindle.Core.Intelligence.Churn;

/// <summary>
/// Builds <see cref="CustomerSummary"/> rows from raw transactions streamed in any order, keeping per customer only
/// the distinct purchase periods and two running totals (never the transactions themselves).
/// </summary>
/// <remarks>
/// The rules are those of lifetimes' <c>summary_data_from_transaction_data</c>: dates are truncated to the period;
/// transactions of one customer in one period are one purchase whose amount is their sum; frequency = distinct
/// periods − 1; recency and T are measured from the first period in periods / <see cref="SummaryOptions.Multiplier"/>;
/// the monetary value is the mean of the per-period totals excluding the first period. Not thread-safe.
/// </remarks>
public sealed class CustomerSummaryBuilder
{
    private readonly SummaryOptions options;
    private readonly int? endPeriod;
    private readonly Dictionary<string, int> indexById = new(StringComparer.Ordinal);
    private readonly List<CustomerState> customers = [];
    private int latestPeriod = int.MinValue;

    public CustomerSummaryBuilder(SummaryOptions? options = null)
    {
        this.options = options ?? new SummaryOptions();
        if (!double.IsFinite(this.options.Multiplier) || this.options.Multiplier <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), this.options.Multiplier, "the multiplier must be positive");
        }

        if (!Enum.IsDefined(this.options.Period))
        {
            throw new ArgumentOutOfRangeException(nameof(options), this.options.Period, "unknown period");
        }

        endPeriod = this.options.ObservationEnd is { } end ? PeriodOf(end) : null;
    }

    /// <summary>Transactions accepted so far.</summary>
    public long TransactionCount { get; private set; }

    /// <summary>Transactions ignored because they fall after the observation end.</summary>
    public long IgnoredAfterEnd { get; private set; }

    public int CustomerCount => customers.Count;

    /// <summary>Adds a transaction on the clock date it carries in its own offset (convert it to the shop's offset first).</summary>
    public void Add(string customerId, DateTimeOffset timestamp, decimal amount) =>
        Add(customerId, DateOnly.FromDateTime(timestamp.DateTime), amount);

    public void Add(string customerId, DateOnly date, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        int period = PeriodOf(date);
        if (period > endPeriod)
        {
            IgnoredAfterEnd++;
            return;
        }

        TransactionCount++;
        latestPeriod = Math.Max(latestPeriod, period);
        ref int index = ref CollectionsMarshal.GetValueRefOrAddDefault(indexById, customerId, out bool exists);
        if (!exists)
        {
            index = customers.Count;
            customers.Add(new CustomerState(customerId, period, amount));
            return;
        }

        ref var state = ref CollectionsMarshal.AsSpan(customers)[index];
        state.Add(period, amount);
    }

    /// <summary>The summaries, in the order customers were first seen.</summary>
    public IReadOnlyList<CustomerSummary> Build()
    {
        int end = endPeriod ?? latestPeriod;
        double multiplier = options.Multiplier;
        var result = new CustomerSummary[customers.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var state = customers[i];
            int repeats = state.DistinctPeriods - 1;
            decimal monetary = repeats > 0 ? (state.Total - state.FirstTotal) / repeats : 0m;
            result[i] = new CustomerSummary(
                state.Id,
                repeats,
                (state.Last - state.First) / multiplier,
                (end - state.First) / multiplier,
                monetary);
        }

        return result;
    }

    // Day numbers count from 0001-01-01, a Monday, so integer division by 7 yields Monday-to-Sunday weeks.
    private int PeriodOf(DateOnly date) =>
        options.Period == SummaryPeriod.Week ? date.DayNumber / 7 : date.DayNumber;

    private struct CustomerState(string id, int period, decimal amount)
    {
        public readonly string Id = id;
        public int First = period;
        public int Last = period;
        public int DistinctPeriods = 1;
        public decimal FirstTotal = amount;
        public decimal Total = amount;

        // With one or two distinct periods the set is {First, Last}; from three on it is kept sorted here.
        private int[]? periods;

        public void Add(int period, decimal amount)
        {
            Total += amount;
            if (period == First)
            {
                FirstTotal += amount;
                return;
            }

            if (period == Last)
            {
                return;
            }

            if (period < First)
            {
                AddDistinct(period);
                First = period;
                FirstTotal = amount;
                return;
            }

            if (period > Last)
            {
                AddDistinct(period);
                Last = period;
                return;
            }

            // Strictly between the first and the last period: new unless seen before.
            if (DistinctPeriods == 2 || Array.BinarySearch(periods!, 0, DistinctPeriods, period) < 0)
            {
                AddDistinct(period);
            }
        }

        private void AddDistinct(int period)
        {
            if (DistinctPeriods == 1)
            {
                DistinctPeriods = 2;
                return;
            }

            if (DistinctPeriods == 2)
            {
                periods = new int[4];
                periods[0] = First;
                periods[1] = Last;
                DistinctPeriods = 2;
            }
            else if (DistinctPeriods == periods!.Length)
            {
                Array.Resize(ref periods, periods.Length * 2);
            }

            int position = Array.BinarySearch(periods, 0, DistinctPeriods, period);
            position = ~position;
            Array.Copy(periods, position, periods, position + 1, DistinctPeriods - position);
            periods[position] = period;
            DistinctPeriods++;
        }
    }
}
