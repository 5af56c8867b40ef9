using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rekindle.Core.Events;

/// <summary>
/// Byte-level helpers over JSON that <see cref="Utf8JsonReader"/> has already validated. Payloads are
/// copied as text rather than re-serialised so that numbers (Shopify ids above 2^53) and string
/// escapes survive byte for byte.
/// </summary>
internal static class JsonText
{
    public const string EmptyObject = "{}";

    private const int StackBufferBytes = 1024;

    /// <summary>The value as compact JSON text: insignificant whitespace removed, everything else verbatim.</summary>
    public static string Compact(ReadOnlySpan<byte> json)
    {
        // Browsers and server libraries send JSON.stringify-style compact text; then no copy is needed.
        if (json.IndexOfAny(" \t\r\n"u8) < 0)
        {
            return ToText(json);
        }

        byte[]? rented = null;
        Span<byte> buffer = json.Length <= StackBufferBytes
            ? stackalloc byte[StackBufferBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(json.Length));
        try
        {
            int written = CompactInto(json, buffer);
            return ToText(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Copies <paramref name="json"/> without insignificant whitespace; returns the bytes written.</summary>
    public static int CompactInto(ReadOnlySpan<byte> json, Span<byte> destination)
    {
        int written = 0;
        int i = 0;
        while (i < json.Length)
        {
            byte b = json[i];
            if (b == (byte)'"')
            {
                int end = EndOfString(json, i);
                json[i..end].CopyTo(destination[written..]);
                written += end - i;
                i = end;
            }
            else
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    destination[written++] = b;
                }

                i++;
            }
        }

        return written;
    }

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        _ => token.ToString(),
    };

    /// <summary>A client value quoted in an error message, cut short so that errors stay readable.</summary>
    public static string Quote(string? value)
    {
        const int MaxChars = 64;
        value ??= "";
        return value.Length <= MaxChars ? $"'{value}'" : $"'{value[..MaxChars]}...'";
    }

    public static string Bytes(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string ToText(ReadOnlySpan<byte> json) =>
        json.SequenceEqual("{}"u8) ? EmptyObject : Encoding.UTF8.GetString(json);

    /// <summary>The index just past the closing quote of the string that opens at <paramref name="openQuote"/>.</summary>
    private static int EndOfString(ReadOnlySpan<byte> json, int openQuote)
    {
        int i = openQuote + 1;
        while (true)
        {
            i += json[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (json[i] == (byte)'\\')
            {
                i += 2;
                continue;
            }

            return i + 1;
        }
    }
}
