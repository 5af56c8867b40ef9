using System.Globalization;
using Rekindle.Testing;
using Rekindle.Testing.Cli;

namespace Rekindle.Server.Tests.Analytics;

/// <summary><c>rekindle recommend evaluate</c> on the real Online Retail history.</summary>
public sealed class RecommendCommandTests
{
    [Fact]
    public async Task Evaluate_OnlineRetail_BothModelsBeatBestSellersOnBothMeasures()
    {
        var (exitCode, output, error) = await RekindleCli.RunAsync(null, "recommend", "evaluate",
            SharedData.File("online_retail", "online_retail.csv.gz"), "--cutoff", "2011-09-01");

        Assert.True(exitCode == 0, error);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Trained on ", lines[0], StringComparison.Ordinal);
        var baseline = Percentages(lines.Single(l => l.StartsWith("best sellers", StringComparison.Ordinal)));
        foreach (var name in new[] { "bought together", "customers like you" })
        {
            var model = Percentages(lines.Single(l => l.StartsWith(name, StringComparison.Ordinal)));
            Assert.True(model[0] > baseline[0], $"{name} hit rate: {model[0]} vs {baseline[0]}");
            Assert.True(model[1] > baseline[1], $"{name} recall: {model[1]} vs {baseline[1]}");
        }
    }

    [Fact]
    public async Task Evaluate_BadCutoff_ExitCode2NamingTheOption()
    {
        var (exitCode, _, error) = await RekindleCli.RunAsync(null, "recommend", "evaluate", "orders.csv", "--cutoff", "September");

        Assert.Equal(2, exitCode);
        Assert.Contains("--cutoff 'September' is not a date like 2011-09-01", error, StringComparison.Ordinal);
    }

    /// <summary>The numbers of a result line like "bought together   48.91 %   4.43 %".</summary>
    private static double[] Percentages(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => double.TryParse(w, CultureInfo.InvariantCulture, out var value) ? value : double.NaN)
            .Where(v => !double.IsNaN(v)).ToArray();
}
