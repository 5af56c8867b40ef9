using System.Net;
using Rekindle.Server.Tests.Infrastructure;

namespace Rekindle.Server.Tests.Operations;

/// <summary>Without Clock:Adjustable the dev clock says how to turn it on, instead of an empty 404.</summary>
public sealed class DevClockOffTests(OperatorServerFixture fixture) : IClassFixture<OperatorServerFixture>
{
    private const string Off = """
        {"error":"the adjustable clock is off; start the server with Clock__Adjustable=true (never in production)",
         "problems":[{"field":"Clock:Adjustable","problem":"is false: the server clock cannot be moved"}]}
        """;

    [Theory]
    [InlineData("POST", "/api/dev/clock/advance")]
    [InlineData("GET", "/api/dev/clock")]
    public async Task DevClock_NotAdjustable_404NamingTheSetting(string method, string path)
    {
        var response = await ApiResponse.ReadAsync(fixture.Server.AdminAsync(new HttpMethod(method), path, method == "POST" ? """{"by":"24:00:00"}""" : null));

        response.AssertJson(HttpStatusCode.NotFound, Off);
    }
}
