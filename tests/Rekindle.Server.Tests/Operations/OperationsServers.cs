using Rekindle.Server.Tests.Infrastructure;

namespace Rekindle.Server.Tests.Operations;

/// <summary>
/// A server as an operator runs it: the shipped log levels (not the tests' Warning), the adjustable clock off,
/// /metrics behind the admin key (the default). Shared by tests that send no events.
/// </summary>
public sealed class OperatorServerFixture : SqliteServerFixture
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Information",
        ["Clock__Adjustable"] = "false",
    };
}

/// <summary>
/// A server of one test's own, for tests that assert exact counts (a shared server would add other tests' events),
/// logging at the shipped levels with the engine summary every second.
/// </summary>
public sealed class OwnServer(IReadOnlyDictionary<string, string> extra) : SqliteServerFixture
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>(extra)
    {
        ["Logging__LogLevel__Default"] = "Information",
        ["Engine__SummaryInterval"] = "00:00:01",
    };

    public static async Task<OwnServer> StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        var server = new OwnServer(extra ?? new Dictionary<string, string>());
        try
        {
            await server.InitializeAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }
}
