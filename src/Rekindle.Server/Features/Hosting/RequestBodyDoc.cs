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
