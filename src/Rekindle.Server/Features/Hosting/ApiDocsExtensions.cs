using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Rekindle.Server.Features.Hosting;

public static class ApiDocsExtensions
{
    /// <summary>HTTP Basic with the write key as user name (Segment's convention) for /v1.</summary>
    public const string WriteKeyScheme = "writeKey";

    /// <summary>Authorization: Bearer with the admin key for /api (and /metrics).</summary>
    public const string AdminKeyScheme = "adminKey";

    public static WebApplicationBuilder AddRekindleApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            ApiDocsSecurity.Apply(document);
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        return builder;
    }

    /// <summary>
    /// The OpenAPI document at /openapi/v1.json and a readable reference at /docs, whose example requests carry
    /// the Authorization header with placeholders (never the real keys) the reader replaces with their own.
    /// </summary>
    public static WebApplication MapRekindleApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options
            .AddPreferredSecuritySchemes(AdminKeyScheme, WriteKeyScheme)
            .AddHttpAuthentication(AdminKeyScheme, scheme => scheme.Token = "YOUR_ADMIN_KEY")
            .AddHttpAuthentication(WriteKeyScheme, scheme =>
            {
                scheme.Username = "YOUR_WRITE_KEY";
                scheme.Password = "";
            }));
        return app;
    }
}

/// <summary>
/// Declares the two keys as security schemes and puts each operation under the one the server enforces (see
/// SecurityExtensions): /v1 the write key, /api and /dev the admin key; /t, /health stay public. Every secured
/// operation also documents its 401.
/// </summary>
internal static class ApiDocsSecurity
{
    public static void Apply(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiDocsExtensions.WriteKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "HTTP Basic: the write key as user name, empty password (as Segment and RudderStack libraries send it)",
            },
            [ApiDocsExtensions.AdminKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Authorization: Bearer <Admin:ApiKey>",
            },
        };

        foreach (var (path, item) in document.Paths)
        {
            var scheme = SchemeFor(path);
            if (scheme is null || item.Operations is null)
            {
                continue;
            }

            foreach (var operation in item.Operations.Values)
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] }];
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("401", new OpenApiResponse
                {
                    Description = scheme == ApiDocsExtensions.WriteKeyScheme ? "Missing or unknown write key" : "Missing or invalid admin key",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchemaReference(nameof(Security.ApiError), document) },
                    },
                });
            }
        }
    }

    private static string? SchemeFor(string path) =>
        path.StartsWith("/v1/", StringComparison.Ordinal) ? ApiDocsExtensions.WriteKeyScheme
        : path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/dev/", StringComparison.Ordinal) ? ApiDocsExtensions.AdminKeyScheme
        : null;
}
