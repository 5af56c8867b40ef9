using System.Text;
using System.Text.Json;

namespace Rekindle.Core.Events;

/// <summary>
/// Says in our own words what is wrong with a body <see cref="Utf8JsonReader"/> refused, and where
/// ("unexpected character 'x' at line 1, column 17"). The reader's own messages speak of .NET
/// ("Change the reader options", "BytePositionInLine") and are not for the clients of an HTTP API.
/// </summary>
public static class JsonSyntaxError
{
    /// <summary>How deep the reader lets objects and arrays nest (its default).</summary>
    public const int MaxDepth = 64;

    /// <summary>The problem in <paramref name="json"/>, worded to read after "body": "is not valid JSON: ...".</summary>
    public static string Describe(string json, JsonException e) => Describe(Encoding.UTF8.GetBytes(json), e);

    /// <summary>The problem, worded to read after "body".</summary>
    public static string Describe(ReadOnlySpan<byte> body, JsonException e)
    {
        int offset = Offset(body, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
        int lineStart = offset == 0 ? 0 : body[..offset].LastIndexOf((byte)'\n') + 1;
        int column = Encoding.UTF8.GetCharCount(body[lineStart..offset]) + 1;
        string at = $"at line {(e.LineNumber ?? 0) + 1}, column {column}";
        if (offset >= body.Length)
        {
            return $"is not valid JSON: it ends too early, {at}";
        }

        var (inString, afterBackslash, depth) = StateAt(body, offset);
        byte b = body[offset];
        string what = inString switch
        {
            true when b < 0x20 => $"control character 0x{b:X2} in a string (it must be escaped)",
            true when afterBackslash => $"invalid escape sequence '\\{Printable(b)}' in a string",
            true => $"invalid \\u escape in a string",
            false when depth >= MaxDepth && b is (byte)'{' or (byte)'[' => $"objects and arrays nested deeper than {MaxDepth} levels",
            false => b is >= 0x20 and < 0x7F ? $"unexpected character '{(char)b}'" : $"unexpected byte 0x{b:X2}",
        };
        return $"is not valid JSON: {what} {at}";
    }

    private static string Printable(byte b) => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"0x{b:X2}";

    private static int Offset(ReadOnlySpan<byte> body, long line, long positionInLine)
    {
        int start = 0;
        for (long l = 0; l < line; l++)
        {
            int next = body[start..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            start += next + 1;
        }

        return (int)Math.Min(start + positionInLine, body.Length);
    }

    /// <summary>Whether the byte at <paramref name="offset"/> is inside a string, right after a backslash, and how deep it is.</summary>
    private static (bool InString, bool AfterBackslash, int Depth) StateAt(ReadOnlySpan<byte> body, int offset)
    {
        bool inString = false;
        bool escaped = false;
        int depth = 0;
        for (int i = 0; i < offset; i++)
        {
            byte b = body[i];
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    escaped = true;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                depth++;
            }
            else if (b is (byte)'}' or (byte)']')
            {
                depth--;
            }
        }

        return (inString, escaped, depth);
    }
}
