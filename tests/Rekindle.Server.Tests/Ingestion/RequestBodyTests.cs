using Microsoft.AspNetCore.Http;
using Rekindle.Server.Features.Ingestion;

namespace Rekindle.Server.Tests.Ingestion;

/// <summary>How far the body reader reads: the limit is enforced while decoding, not after.</summary>
public sealed class RequestBodyTests
{
    [Fact]
    public async Task ReadAsync_GzipBomb_StopsAfterTheLimitWithoutReadingTheRest()
    {
        // 100 MB of spaces in about 100 KB of gzip; the limit is 500 KB decoded, so about 0.5% of the body
        // is needed to know it is too large.
        var bomb = IngestionEncodingTests.GzipBomb(100 * 1024 * 1024);
        var raw = new MemoryStream(bomb);
        var context = new DefaultHttpContext();
        context.Request.Body = raw;
        context.Request.Headers.ContentEncoding = "gzip";

        var (body, error) = await RequestBody.ReadAsync(context.Request, 512_000, CancellationToken.None);

        Assert.Null(body);
        var status = Assert.IsAssignableFrom<IStatusCodeHttpResult>(error);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status.StatusCode);
        Assert.True(raw.Position < bomb.Length / 10, $"read {raw.Position:N0} of {bomb.Length:N0} compressed bytes");
    }

    [Fact]
    public async Task ReadAsync_ChunkedBodyOverTheLimit_413WithoutContentLength()
    {
        var raw = new MemoryStream(new byte[40_000]);
        var context = new DefaultHttpContext();
        context.Request.Body = raw;

        var (body, error) = await RequestBody.ReadAsync(context.Request, 32_768, CancellationToken.None);

        Assert.Null(body);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, Assert.IsAssignableFrom<IStatusCodeHttpResult>(error).StatusCode);
    }
}
