namespace Rekindle.Server.Features.Hosting;

/// <summary>
/// The API's enums repeat the core's members under the same names (they serialise camelCase, e.g. "optInConfirmed")
/// so that the public vocabulary is declared here; mapped by name, and a test holds each pair's names equal, so a
/// core rename fails the build's tests instead of silently renaming a value clients match on.
/// </summary>
public static class ApiEnum
{
    public static TApi From<TApi>(Enum value)
        where TApi : struct, Enum => Enum.Parse<TApi>(value.ToString(), ignoreCase: false);
}
