using Rekindle.Server.Features.Security;

namespace Rekindle.Server.Features.Ingestion;

/// <summary>
/// Reads a /v1 request body, decoding gzip or deflate on the fly. The size limit applies to the decoded
/// bytes and is enforced while reading, so a small body that inflates to gigabytes (a decompression bomb)
/// is refused after at most the limit plus one chunk, never held in memory.
/// </summary>
internal static class RequestBody
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The decoded body, or the error response to send instead.</summary>
    public static async Task<(byte[]? Body, IResult? Error)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        var coding = ContentCoding.Parse(request.Headers.ContentEncoding, out var unsupported);
        if (coding is null)
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Content-Encoding",
                $"'{unsupported}' is not supported; send the body uncompressed, or with gzip or deflate"));
        }

        var compressed = coding != ContentCoding.Identity;
        var tooLarge = Results.Json(new ApiError($"request body is larger than {maxBytes:N0} bytes{(compressed ? " once decompressed" : "")}"),
            statusCode: StatusCodes.Status413PayloadTooLarge);

        // Compressed data that stays under the limit once decoded is smaller than it, give or take the
        // format's few bytes of framing; anything longer is refused before it is decoded at all.
        var maxRawBytes = compressed ? maxBytes + 1024 : maxBytes;
        if (request.ContentLength > maxRawBytes)
        {
            return (null, tooLarge);
        }

        var raw = new RawBodyStream(request.Body, maxRawBytes, coding.TrailerLength);
        await using var decoded = coding.Decode(raw);
        using var buffer = new MemoryStream(compressed ? ChunkBytes : (int)(request.ContentLength ?? ChunkBytes));
        var chunk = new byte[ChunkBytes];
        try
        {
            int read;
            while ((read = await decoded.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, tooLarge);
                }

                coding.Observe(chunk.AsSpan(0, read));
                buffer.Write(chunk, 0, read);
            }
        }
        catch (RawBodyTooLargeException)
        {
            return (null, tooLarge);
        }
        catch (InvalidDataException)
        {
            return (null, NotDecodable(coding));
        }

        if (!coding.TrailerMatches(raw.Tail, buffer.Length))
        {
            return (null, NotDecodable(coding));
        }

        return (buffer.ToArray(), null);
    }

    private static IResult NotDecodable(ContentCoding coding) => Problem(StatusCodes.Status400BadRequest, "body",
        coding.Name == "gzip"
            ? "is not valid gzip data (truncated or corrupt), although Content-Encoding says gzip"
            : "is not valid deflate data (zlib format, RFC 1950; truncated or corrupt), although Content-Encoding says deflate");

    private static IResult Problem(int status, string field, string problem) =>
        Results.Json(new ApiError($"{field} {problem}", [new FieldProblem(field, problem)]), statusCode: status);

    private sealed class RawBodyTooLargeException : Exception;

    /// <summary>The request body as read: counted against a limit, with its last bytes kept for the trailer check.</summary>
    private sealed class RawBodyStream(Stream inner, int maxBytes, int tailLength) : Stream
    {
        private readonly byte[] _tail = new byte[tailLength];
        private long _length;

        /// <summary>The last bytes read (fewer if the body was shorter).</summary>
        public ReadOnlySpan<byte> Tail => _tail.AsSpan((int)Math.Max(0, tailLength - _length));

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(destination, cancellationToken);
            Account(destination.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // Kestrel forbids synchronous reads; the decompressors read asynchronously when read asynchronously.
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private void Account(ReadOnlySpan<byte> read)
        {
            _length += read.Length;
            if (_length > maxBytes)
            {
                throw new RawBodyTooLargeException();
            }

            if (tailLength == 0)
            {
                return;
            }

            if (read.Length >= tailLength)
            {
                read[^tailLength..].CopyTo(_tail);
            }
            else
            {
                // Shift the kept bytes left and append the new ones.
                _tail.AsSpan(read.Length).CopyTo(_tail);
                read.CopyTo(_tail.AsSpan(tailLength - read.Length));
            }
        }
    }
}
