using Microsoft.Extensions.Configuration.Memory;

namespace Rekindle.Server.Features.Operations;

/// <summary>
/// What the console shows by default: start-up (database, URLs), the generated keys once, errors and the
/// engine's one-line summary a minute; not Polly's line per Orleans placement call ("Execution attempt"),
/// nor the Orleans watchdog's "platform stalled" warning that a slow first start (JIT, two cores) triggers.
/// The same levels are in appsettings.json; they are also the lowest-priority configuration source here so
/// that they hold when the server starts from another folder (where appsettings.json is not found) and
/// appsettings.json or Logging__LogLevel__* variables still override them.
/// </summary>
public static class LoggingDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Levels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Orleans.Runtime.Watchdog"] = "Error",
        ["Logging:LogLevel:Orleans.Runtime.MembershipService.LocalSiloHealthMonitor"] = "Error",
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    public static WebApplicationBuilder AddRekindleLoggingDefaults(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return builder;
    }
}
