using Microsoft.AspNetCore.Http.Metadata;

namespace Rekindle.Server.Features.Hosting;

/// <summary>
/// Documents a request body the handler reads itself (raw bytes, for size limits and its own errors) without
/// restricting the Content-Type: Accepts&lt;T&gt;("application/json") would make routing answer 415 to the
/// text/plain, gzip or CSV bodies real clients send. No content types here, so the matcher ignores it, while the
/// OpenAPI document still shows the schema (as application/json).
/// </summary>
public sealed class RequestBodyDoc(Type requestType) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes => [];

    public Type? RequestType => requestType;

    public bool IsOptional => false;
}

public static class RequestBodyDocExtensions
{
    public static RouteHandlerBuilder DocumentsBody<TRequest>(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new RequestBodyDoc(typeof(TRequest)));
}

/// <summary>
/// Documents a body that is a file rather than JSON (an order CSV, maybe gzip-compressed). It only changes the
/// OpenAPI operation; no IAcceptsMetadata, so curl's default Content-Type and application/octet-stream still reach
/// the handler, which decides by the bytes.
/// </summary>
public static class FileBodyDocExtensions
{
    public static RouteHandlerBuilder DocumentsFileBody(this RouteHandlerBuilder endpoint, string description, params string[] contentTypes) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
            {
                Description = description,
                Required = true,
                Content = contentTypes.ToDictionary(type => type, _ => new Microsoft.OpenApi.OpenApiMediaType
                {
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" },
                }),
            };
            return Task.CompletedTask;
        });
}
