using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Rekindle.Server.Tests.Infrastructure;
using static Rekindle.Server.Tests.Infrastructure.SegmentCalls;

namespace Rekindle.Server.Tests.Operations;

/// <summary>What an operator's console shows at the shipped log levels.</summary>
public sealed partial class LoggingTests
{
    [Fact]
    public async Task Log_FirstStartAndABatch_StartupLinesAndSummaryWithoutPollyOrOrleansWarnings()
    {
        var own = await OwnServer.StartAsync();
        try
        {
            var server = own.Server;
            var batch = $$"""
                {"batch": [
                {"type": "page", "anonymousId": "{{NewId("a")}}", "name": "Home"},
                {"type": "track", "anonymousId": "{{NewId("a")}}", "event": "Product Viewed"},
                {"type": "identify", "userId": "{{NewId("u")}}", "traits": {"email": "log@example.com" } }]}
                """;
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(server, "/v1/batch", batch)).Status);
            await server.WaitUntilAppliedAsync();
            await server.WaitUntilAsync(() => Task.FromResult(Summaries(server.Output).Applied == 3), "summary lines adding up to 3 applied events");

            var log = server.Output;
            Assert.Equal((3, 3), (Summaries(log).Accepted, Summaries(log).Applied));
            Assert.Contains("Database: SQLite at ", log, StringComparison.Ordinal);
            Assert.Contains($"Now listening on: http://127.0.0.1:{server.Port}", log, StringComparison.Ordinal);
            Assert.DoesNotContain("Polly", log, StringComparison.Ordinal);
            Assert.DoesNotContain("Execution attempt", log, StringComparison.Ordinal);
            Assert.DoesNotContain(log.Split('\n'), l => l.StartsWith("warn: Orleans", StringComparison.Ordinal));
            Assert.DoesNotContain(log.Split('\n'), l => l.StartsWith("fail:", StringComparison.Ordinal));
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    /// <summary>The totals of every "Last …: N events accepted, M applied" line so far.</summary>
    private static (int Accepted, int Applied) Summaries(string log)
    {
        var lines = SummaryLine().Matches(log);
        return (lines.Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)),
                lines.Sum(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex(@"Last \S+: (\d+) events accepted, (\d+) applied \(backlog \d+\)")]
    private static partial Regex SummaryLine();
}
