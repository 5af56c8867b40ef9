using Scalar.AspNetCore;

namespace Rekindle.Server.Features.Hosting;

public static class ApiDocsExtensions
{
    public static WebApplicationBuilder AddRekindleApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        return builder;
    }

    /// <summary>The OpenAPI document at /openapi/v1.json and a readable reference at /docs.</summary>
    public static WebApplication MapRekindleApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        return app;
    }
}
