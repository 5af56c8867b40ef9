using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Extensions.Primitives;

namespace Rekindle.Server.Features.Ingestion;

/// <summary>
/// The Content-Encoding of a /v1 request body: none, gzip (RFC 1952; RudderStack's Node SDK sends it by
/// default) or deflate (the zlib format, RFC 1950, as RFC 9110 defines the coding).
/// </summary>
internal abstract class ContentCoding
{
    public static readonly ContentCoding Identity = new IdentityCoding();

    /// <summary>The name as the error messages say it.</summary>
    public abstract string Name { get; }

    /// <summary>How many bytes of the raw body's end the integrity check needs.</summary>
    public abstract int TrailerLength { get; }

    /// <summary>The coding named by the header, or null with <paramref name="unsupported"/> naming what is not understood.</summary>
    public static ContentCoding? Parse(StringValues header, out string? unsupported)
    {
        unsupported = null;
        var codings = header.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(c => !c.Equals("identity", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (codings.Count == 0)
        {
            return Identity;
        }

        // Stacked codings ("gzip, deflate") are legal HTTP but no tracking client sends them.
        if (codings.Count == 1)
        {
            switch (codings[0].ToLowerInvariant())
            {
                case "gzip" or "x-gzip":
                    return new GzipCoding();
                case "deflate":
                    return new DeflateCoding();
            }
        }

        unsupported = string.Join(", ", codings);
        return null;
    }

    /// <summary>The decoded stream over <paramref name="raw"/>.</summary>
    public abstract Stream Decode(Stream raw);

    /// <summary>Feeds the decoded bytes to the integrity check, in order.</summary>
    public abstract void Observe(ReadOnlySpan<byte> decoded);

    /// <summary>
    /// True when the raw body ended with the trailer the decoded bytes call for. .NET's decompressors stop
    /// quietly at the end of their input, so a body cut short would otherwise pass as a shorter (or empty) one.
    /// </summary>
    public abstract bool TrailerMatches(ReadOnlySpan<byte> rawTail, long decodedLength);

    private sealed class IdentityCoding : ContentCoding
    {
        public override string Name => "identity";

        public override int TrailerLength => 0;

        public override Stream Decode(Stream raw) => raw;

        public override void Observe(ReadOnlySpan<byte> decoded)
        {
        }

        public override bool TrailerMatches(ReadOnlySpan<byte> rawTail, long decodedLength) => true;
    }

    /// <summary>
    /// A gzip body ends with the CRC-32 and the length (mod 2^32) of what it decodes to, both little-endian.
    /// One member only: the check covers everything decoded, and HTTP clients never send several members.
    /// </summary>
    private sealed class GzipCoding : ContentCoding
    {
        private uint _crc = 0xFFFFFFFF;

        public override string Name => "gzip";

        public override int TrailerLength => 8;

        public override Stream Decode(Stream raw) => new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true);

        public override void Observe(ReadOnlySpan<byte> decoded) => _crc = Crc32.Update(_crc, decoded);

        public override bool TrailerMatches(ReadOnlySpan<byte> rawTail, long decodedLength) =>
            rawTail.Length == 8
            && BinaryPrimitives.ReadUInt32LittleEndian(rawTail) == ~_crc
            && BinaryPrimitives.ReadUInt32LittleEndian(rawTail[4..]) == (uint)decodedLength;
    }

    /// <summary>A zlib body ends with the Adler-32 of what it decodes to, big-endian.</summary>
    private sealed class DeflateCoding : ContentCoding
    {
        private uint _a = 1;
        private uint _b;

        public override string Name => "deflate";

        public override int TrailerLength => 4;

        public override Stream Decode(Stream raw) => new ZLibStream(raw, CompressionMode.Decompress, leaveOpen: true);

        public override void Observe(ReadOnlySpan<byte> decoded)
        {
            foreach (var b in decoded)
            {
                _a = (_a + b) % 65521;
                _b = (_b + _a) % 65521;
            }
        }

        public override bool TrailerMatches(ReadOnlySpan<byte> rawTail, long decodedLength) =>
            rawTail.Length == 4 && BinaryPrimitives.ReadUInt32BigEndian(rawTail) == ((_b << 16) | _a);
    }

    private static class Crc32
    {
        private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
        {
            var c = (uint)n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            return c;
        }).ToArray();

        public static uint Update(uint crc, ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }
    }
}
