using System.Text;
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

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task ReadAsync_MutatedCompressedBodies_EitherTheExactBodyOrA400NeverAnException(string coding)
    {
        var json = Encoding.UTF8.GetBytes("""{"anonymousId":"a-1","event":"Product Added","properties":{"sku":"s-1","price":9.5}}""");
        var compressed = IngestionEncodingTests.Compress(coding, json);
        var random = new Random(2026);
        for (var i = 0; i < 2000; i++)
        {
            var mutated = compressed.ToArray();
            switch (i % 3)
            {
                case 0:
                    mutated[random.Next(mutated.Length)] ^= (byte)random.Next(1, 256);
                    break;
                case 1:
                    mutated = mutated[..random.Next(mutated.Length)];
                    break;
                default:
                    mutated = [.. mutated, .. Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256))];
                    break;
            }

            var context = new DefaultHttpContext();
            context.Request.Body = new MemoryStream(mutated);
            context.Request.Headers.ContentEncoding = coding;

            var (body, error) = await RequestBody.ReadAsync(context.Request, 32_768, CancellationToken.None);

            // A mutation the checksum cannot see decodes to the same bytes; anything else is refused as the body's fault.
            if (body is not null)
            {
                Assert.Equal(json, body);
            }
            else
            {
                Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsAssignableFrom<IStatusCodeHttpResult>(error).StatusCode);
            }
        }
    }
}
