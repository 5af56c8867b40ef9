using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing;
using Rekindle.Testing.Cli;
using Rekindle.Testing.Server;

namespace Rekindle.Server.Tests.Orders;

/// <summary>The rekindle CLI as a user runs it: a separate process uploading a file to a real server.</summary>
public sealed class ImportCommandTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    // docs/import.md's example (two orders, two customers) and a guest order without a customer id.
    private const string GenericCsv = SampleOrders.GenericDocsExample + "\n1003,,guest@example.com,2024-03-03T09:00:00Z,EUR,p-1,SKU-1,Espresso cups,Kitchen,1,12.50\n";

    [Fact]
    public async Task ImportOrdersTwiceThenScore_SummaryThenNothingNewThenTheSegments()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rekindle-cli-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, GenericCsv);
        try
        {
            var first = await RunAsync("import", "orders", file, "--format", "generic", "--server", fixture.Server.Http.BaseAddress!.ToString());
            var second = await RunAsync("import", "orders", file, "--format", "generic", "--server", fixture.Server.Http.BaseAddress!.ToString());
            await fixture.Server.WaitUntilAppliedAsync("the orders to be applied");
            var ann = (await fixture.Server.AdminJsonAsync("/api/contacts?userId=c-17")).GetProperty("profile");

            Assert.Equal(0, first.ExitCode);
            // Its stderr is redirected here, as in a CI log: plain progress lines, no bar redrawn with \r.
            Assert.DoesNotContain("\r", first.Error, StringComparison.Ordinal);
            Assert.Contains("uploading: 100% (0.0 MB of 0.0 MB)\n", first.Error, StringComparison.Ordinal);
            Assert.Contains("orders created                     2", first.Output, StringComparison.Ordinal);
            Assert.Contains("customers created                  2", first.Output, StringComparison.Ordinal);
            Assert.Contains("  missing-customer                 1", first.Output, StringComparison.Ordinal);
            Assert.Equal(0, second.ExitCode);
            Assert.Contains("orders created                     0", second.Output, StringComparison.Ordinal);
            Assert.Equal(54.90m, ann.GetProperty("revenue").GetDecimal());
            Assert.Equal("ann.lee@example.com", ann.GetProperty("email").GetString());

            // Scored at 2024-03-10 the two customers are in the RFM window (docs/rfm.md; see RfmApiTests for the
            // scores); two one-time buyers are too few for a backtest, so the overdue rule sets their risk, and they
            // cannot identify a lifetime-value model, which the tool says without failing.
            var score = await RunAsync("score", "--as-of", "2024-03-10", "--server", fixture.Server.Http.BaseAddress!.ToString());
            Assert.Equal(0, score.ExitCode);
            Assert.StartsWith("RFM as of 2024-03-10 00:00 UTC over orders from 2023-03-11: 2 customers, 2 segment changes", score.Output, StringComparison.Ordinal);
            Assert.Contains("Recommenders retrained on 2 orders of 2 customers (2 products; 0 in the catalogue, 2 named by the orders only; 0 left out as postage, fees or excluded)", score.Output, StringComparison.Ordinal);
            Assert.Contains("Churn risk (rule:overdue, buying within 90 days): 2 customers — low 2; 2 risk changes\n" +
                "  0 customers had bought by the backtest's cut-off 2023-12-11; a backtest needs 200; so risk follows the rule", score.Output, StringComparison.Ordinal);
            Assert.Contains("Lifetime value not scored: the bg-nbd fit did not converge (none of the 2 customers with orders up to 2024-03-10 bought twice; " +
                "the model needs repeat buyers)", score.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ImportOrders_NoAdminKey_ExitCode2AndTheReason()
    {
        var result = await RunAsync(withKey: false, "import", "orders", "whatever.csv");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no admin key: pass --admin-key or set REKINDLE_ADMIN_KEY", result.Error, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        RekindleCli.RunAsync(RekindleServerProcess.AdminKey, args);

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(bool withKey, params string[] args) =>
        RekindleCli.RunAsync(withKey ? RekindleServerProcess.AdminKey : null, args);
}
