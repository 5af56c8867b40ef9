using System.Globalization;
using Rekindle.Core.Intelligence.Churn;

namespace Rekindle.Core.Tests.Intelligence;

/// <summary>Reads the files of ../shared/data/cdnow (see EXPECTED.md and SOURCE.md there).</summary>
internal static class CdnowData
{
    private static readonly Lazy<string> Folder = new(FindFolder);

    public sealed record SummaryRow(int Id, double Frequency, double Recency, double T, decimal MonetaryValue);

    public sealed record Transaction(string CustomerId, DateOnly Date, decimal Amount);

    /// <summary>cdnow_customers_summary.csv: ID,frequency,recency,T (weeks, 2 decimals), 2,357 rows.</summary>
    public static IReadOnlyList<SummaryRow> Summary() =>
        ReadCsv("cdnow_customers_summary.csv", f => new SummaryRow(Int(f[0]), Double(f[1]), Double(f[2]), Double(f[3]), 0m));

    /// <summary>cdnow_customers_summary_with_transactions.csv: ID,x,t_x,T,zbar.</summary>
    public static IReadOnlyList<SummaryRow> SummaryWithTransactions() =>
        ReadCsv("cdnow_customers_summary_with_transactions.csv",
            f => new SummaryRow(Int(f[0]), Double(f[1]), Double(f[2]), Double(f[3]), Decimal(f[4])));

    public static GroupedSummaries Grouped(IEnumerable<SummaryRow> rows) =>
        GroupedSummaries.From(rows.Select(r => new SummaryGroup(r.Frequency, r.Recency, r.T, 1)));

    /// <summary>CDNOW_sample.txt: master id, sample id, yyyymmdd, CDs, dollars; no header. Keyed by sample id.</summary>
    public static IEnumerable<Transaction> Sample() =>
        ReadWhitespace("CDNOW_sample.txt", skipHeader: false).Select(f => new Transaction(f[1], Date(f[2]), Decimal(f[4])));

    /// <summary>CDNOW_sample.txt keyed by the master id, to compare with the master file.</summary>
    public static IEnumerable<Transaction> SampleByMasterId() =>
        ReadWhitespace("CDNOW_sample.txt", skipHeader: false).Select(f => new Transaction(f[0], Date(f[2]), Decimal(f[4])));

    /// <summary>CDNOW_master.txt: customer id, yyyymmdd, CDs, dollars; one header line.</summary>
    public static IEnumerable<Transaction> Master() =>
        ReadWhitespace("CDNOW_master.txt", skipHeader: true).Select(f => new Transaction(f[0], Date(f[1]), Decimal(f[3])));

    /// <summary>example_transactions.csv (lifetimes' synthetic data): date,id.</summary>
    public static IEnumerable<Transaction> ExampleTransactions() =>
        ReadCsv("example_transactions.csv", f => new Transaction(f[1], DateOnly.FromDateTime(
            DateTime.ParseExact(f[0], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), 0m));

    private static IReadOnlyList<T> ReadCsv<T>(string file, Func<string[], T> map) =>
        File.ReadLines(Path.Combine(Folder.Value, file))
            .Skip(1)
            .Where(line => line.Trim().Length > 0)
            .Select(line => map(line.TrimEnd('\r').Split(',')))
            .ToList();

    private static IEnumerable<string[]> ReadWhitespace(string file, bool skipHeader) =>
        File.ReadLines(Path.Combine(Folder.Value, file))
            .Skip(skipHeader ? 1 : 0)
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length > 0);

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static decimal Decimal(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture);

    private static string FindFolder()
    {
        string folder = Path.GetFullPath(Path.Combine(Rekindle.Testing.RepositoryRoot.Path, "..", "shared", "data", "cdnow"));
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException("the CDNOW data folder is missing: " + folder);
        }

        return folder;
    }
}
