using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using static Rekindle.Server.Tests.Infrastructure.SegmentCalls;

namespace Rekindle.Server.Tests.Ingestion;

/// <summary>
/// Compressed request bodies (RudderStack's Node SDK gzips by default) and the other wire details of
/// real clients: Segment's browser library posts text/plain to one-letter paths with the key in the body.
/// </summary>
public sealed class IngestionEncodingTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private const string NotGzip = "is not valid gzip data (truncated or corrupt), although Content-Encoding says gzip";

    private RekindleServerProcess Server => fixture.Server;

    [Theory]
    [InlineData("gzip", "/v1/track")]
    [InlineData("x-gzip", "/v1/track")]
    [InlineData("deflate", "/v1/track")]
    [InlineData("GZIP", "/v1/batch")]
    [InlineData("deflate", "/v1/batch")]
    public async Task Post_CompressedBody_DecodedAndStored(string coding, string path)
    {
        var id = NewId("coded");
        var message = $$$"""{"type":"track","anonymousId":"{{{id}}}","messageId":"{{{id}}}-m","event":"Product Added","properties":{"sku":"s-1"}}""";
        var json = path == "/v1/batch" ? $$"""{"batch":[{{message}}]}""" : message;

        var response = await SendAsync(path, Compress(coding, Encoding.UTF8.GetBytes(json)), coding);

        response.AssertJson(HttpStatusCode.OK, Accepted1);
        var contactId = await ContactQueries.WaitForContactAsync(Server, "anonymousId", id);
        var stored = Assert.Single((await ContactQueries.WaitForEventAsync(Server, contactId, id + "-m")).EnumerateArray());
        Assert.Equal("Product Added", stored.GetProperty("event").GetString());
    }

    [Theory]
    [InlineData("/v1/track", 16 * 1024 * 1024, "32,768")]
    [InlineData("/v1/batch", 100 * 1024 * 1024, "512,000")]
    public async Task Post_GzipBombUnderTheLimitCompressed_413(string path, int inflatedBytes, string limit)
    {
        // Under the limit compressed, tens of MB once inflated: spaces after a valid start.
        var bomb = GzipBomb(inflatedBytes);
        Assert.True(bomb.Length < int.Parse(limit, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture),
            $"the bomb is {bomb.Length} bytes compressed");

        var response = await SendAsync(path, bomb, "gzip");

        response.AssertJson(HttpStatusCode.RequestEntityTooLarge, $$"""{"error":"request body is larger than {{limit}} bytes once decompressed","problems":null}""");
    }

    [Fact]
    public async Task Post_GzipLargerThanTheLimitCompressed_413WithoutDecoding()
    {
        var noise = new byte[40 * 1024];
        new Random(7).NextBytes(noise);

        var response = await SendAsync("/v1/track", Gzip(noise), "gzip");

        response.AssertJson(HttpStatusCode.RequestEntityTooLarge, """{"error":"request body is larger than 32,768 bytes once decompressed","problems":null}""");
    }

    public static TheoryData<string, string> BrokenGzip => new()
    {
        { "cut in the middle", "half" },
        { "trailer cut off", "no-trailer" },
        { "checksum wrong", "bad-crc" },
        { "not gzip at all", "plain" },
    };

    [Theory]
    [MemberData(nameof(BrokenGzip))]
    public async Task Post_TruncatedOrCorruptGzip_400NamingTheBodyAndStoresNothing(string why, string damage)
    {
        var id = NewId("broken");
        var json = Encoding.UTF8.GetBytes($$$"""{"anonymousId":"{{{id}}}","event":"Product Added","properties":{"note":"{{{new string('n', 400)}}}"}}""");
        var gzip = Gzip(json);
        var body = damage switch
        {
            "half" => gzip[..(gzip.Length / 2)],
            "no-trailer" => gzip[..^8],
            "bad-crc" => [.. gzip[..^8], (byte)(gzip[^8] ^ 0xFF), .. gzip[^7..]],
            _ => json,
        };

        var response = await SendAsync("/v1/track", body, "gzip");

        Assert.True(response.Status == HttpStatusCode.BadRequest, $"{why}: {(int)response.Status} {response.Body}");
        response.AssertJson(HttpStatusCode.BadRequest, $$"""{"error":"body {{NotGzip}}","problems":[{"field":"body","problem":"{{NotGzip}}"}]}""");
        Assert.Equal(HttpStatusCode.NotFound, (await ContactQueries.FindAsync(Server, "anonymousId", id)).Status);
    }

    [Fact]
    public async Task Post_TruncatedDeflate_400()
    {
        var zlib = Compress("deflate", Encoding.UTF8.GetBytes($$"""{"anonymousId":"{{NewId("z")}}","event":"Product Added"}"""));

        var response = await SendAsync("/v1/track", zlib[..^2], "deflate");

        const string problem = "is not valid deflate data (zlib format, RFC 1950; truncated or corrupt), although Content-Encoding says deflate";
        response.AssertJson(HttpStatusCode.BadRequest, $$"""{"error":"body {{problem}}","problems":[{"field":"body","problem":"{{problem}}"}]}""");
    }

    [Theory]
    [InlineData("br", "'br'")]
    [InlineData("gzip, br", "'gzip, br'")]
    public async Task Post_UnsupportedContentEncoding_415NamingIt(string coding, string named)
    {
        var response = await SendAsync("/v1/track", Encoding.UTF8.GetBytes("""{"anonymousId":"a-1","event":"E"}"""), coding);

        var problem = $"{named} is not supported; send the body uncompressed, or with gzip or deflate";
        response.AssertJson(HttpStatusCode.UnsupportedMediaType,
            $$"""{"error":"Content-Encoding {{problem}}","problems":[{"field":"Content-Encoding","problem":"{{problem}}"}]}""");
    }

    [Fact]
    public async Task Post_IdentityContentEncoding_Accepted()
    {
        var id = NewId("identity");

        var response = await SendAsync("/v1/track", Encoding.UTF8.GetBytes(Track(id)), "identity");

        response.AssertJson(HttpStatusCode.OK, Accepted1);
    }

    public static TheoryData<string, string, string> ShortPaths => new()
    {
        { "/v1/t", """{"type":"track","anonymousId":"{id}","messageId":"{id}-m","event":"Product Viewed"}""", "track" },
        { "/v1/i", """{"type":"identify","anonymousId":"{id}","messageId":"{id}-m","traits":{"first_name":"Ada"}}""", "identify" },
        { "/v1/p", """{"type":"page","anonymousId":"{id}","messageId":"{id}-m","name":"Home"}""", "page" },
        { "/v1/s", """{"type":"screen","anonymousId":"{id}","messageId":"{id}-m","name":"Basket"}""", "screen" },
        { "/v1/g", """{"type":"group","anonymousId":"{id}","messageId":"{id}-m","groupId":"acme"}""", "group" },
        { "/v1/a", """{"type":"alias","userId":"{id}","previousId":"{id}-before","messageId":"{id}-m"}""", "alias" },
        { "/v1/b", """{"batch":[{"type":"track","anonymousId":"{id}","messageId":"{id}-m","event":"Product Added","properties":{"product_id":"p-1"}}]}""", "track" },
    };

    [Theory]
    [MemberData(nameof(ShortPaths))]
    public async Task Post_BrowserLibraryShortPathTextPlainKeyInBody_Stored(string path, string body, string type)
    {
        // What analytics.js sends: text/plain (a "simple" content type), the write key inside the JSON.
        var id = NewId("ajs");
        var json = body.Replace("{id}", id, StringComparison.Ordinal).Insert(1, $"\"writeKey\":\"{RekindleServerProcess.WriteKey}\",");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "text/plain") };

        var response = await ApiResponse.ReadAsync(Server.Http.SendAsync(request));

        response.AssertJson(HttpStatusCode.OK, Accepted1);
        var contactId = await ContactQueries.WaitForContactAsync(Server, type == "alias" ? "userId" : "anonymousId", id);
        var stored = Assert.Single((await ContactQueries.WaitForEventAsync(Server, contactId, id + "-m")).EnumerateArray());
        Assert.Equal(type, stored.GetProperty("type").GetString());
    }

    private Task<ApiResponse> SendAsync(string path, byte[] body, string coding)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var name in coding.Split(", "))
        {
            content.Headers.ContentEncoding.Add(name);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(RekindleServerProcess.WriteKey + ":")));
        return ApiResponse.ReadAsync(Server.Http.SendAsync(request));
    }

    internal static byte[] Gzip(byte[] data) => Compress("gzip", data);

    /// <summary>A gzip body of <paramref name="inflatedBytes"/> spaces after "{", compressed without holding them.</summary>
    internal static byte[] GzipBomb(int inflatedBytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.WriteByte((byte)'{');
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var written = 1; written < inflatedBytes; written += spaces.Length)
            {
                gzip.Write(spaces, 0, Math.Min(spaces.Length, inflatedBytes - written));
            }
        }

        return output.ToArray();
    }

    internal static byte[] Compress(string coding, byte[] data)
    {
        using var output = new MemoryStream();
        using (Stream compressor = coding.Equals("deflate", StringComparison.OrdinalIgnoreCase)
                   ? new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true)
                   : new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }

    private static string Track(string id) => $$"""{"anonymousId":"{{id}}","event":"Product Viewed"}""";
}
