using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Rekindle.Core.Events;

/// <summary>
/// What <see cref="Utf8JsonReader"/> accepts but a stored event must not hold, checked while walking a value
/// to its end (in place of <see cref="Utf8JsonReader.Skip"/>):
/// <list type="bullet">
/// <item>strings and keys that are not valid UTF-8, or escape an unpaired surrogate ("\ud800"): the text
/// cannot be read back as it was sent (the reader would replace it or throw later, in the engine);</item>
/// <item>"\u0000": PostgreSQL's jsonb cannot store it, and one such event would fail the whole group commit;</item>
/// <item>numbers that are not a finite double (1e400): every JSON consumer downstream reads them as infinity
/// or fails;</item>
/// <item>a key given twice in one object: which value counts would depend on who reads it.</item>
/// </list>
/// The first problem is reported with the JSON path of the value at fault ("properties.products[2].price").
/// </summary>
internal sealed class JsonValueCheck
{
    /// <summary>Up to this many keys an object's keys are compared one by one; beyond, a hash set takes over.</summary>
    private const int LinearKeys = 16;

    private readonly List<Frame> frames = new(8);
    private readonly List<(int Start, int Length)> keys = new(32);
    private byte[] keyBytes = [];
    private int keyBytesUsed;

    /// <summary>
    /// Walks from the reader's current token to the end of that value and returns the first problem, or null.
    /// The reader must be over <paramref name="source"/>; <paramref name="path"/> names the value
    /// ("batch[3]", "context"; "" for a whole message sent alone), <paramref name="sourceOffset"/> is where
    /// <paramref name="source"/> starts in the request body, for the byte offsets problems quote.
    /// </summary>
    /// <exception cref="JsonException">The JSON itself is malformed.</exception>
    public FieldError? Walk(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, string path, int sourceOffset)
    {
        frames.Clear();
        keys.Clear();
        keyBytesUsed = 0;
        int depth = reader.CurrentDepth;
        try
        {
            var problem = WalkValue(ref reader, source, path, sourceOffset);

            // Stopped at a problem: go on to the value's end, as the caller expects (the rest is still checked for syntax).
            while (reader.CurrentDepth != depth
                || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName)
            {
                reader.Read();
            }

            return problem;
        }
        finally
        {
            if (keyBytes.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(keyBytes);
                keyBytes = [];
            }
        }
    }

    private FieldError? WalkValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, string path, int sourceOffset)
    {
        int depth = reader.CurrentDepth;
        while (true)
        {
            var token = reader.TokenType;
            if (token is not (JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray)
                && frames.Count > 0 && frames[^1].IsArray)
            {
                // An array element begins: the path names it by its index.
                frames[^1] = frames[^1] with { Element = frames[^1].Element + 1 };
            }

            switch (token)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    frames.Add(new Frame(token == JsonTokenType.StartArray, keys.Count));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var closed = frames[^1];
                    frames.RemoveAt(frames.Count - 1);
                    if (keys.Count > closed.KeysStart)
                    {
                        keyBytesUsed = keys[closed.KeysStart].Start;
                        keys.RemoveRange(closed.KeysStart, keys.Count - closed.KeysStart);
                    }

                    break;
                case JsonTokenType.PropertyName:
                    frames[^1] = frames[^1] with { NameStart = (int)reader.TokenStartIndex };
                    if (TextProblem(ref reader, sourceOffset) is { } nameProblem)
                    {
                        return Problem(source, path, keyItself: false, "has a key that " + nameProblem);
                    }

                    if (!AddKey(ref reader))
                    {
                        return Problem(source, path, keyItself: true, "is given twice in the same object; a key may appear only once");
                    }

                    break;
                case JsonTokenType.String:
                    if (TextProblem(ref reader, sourceOffset) is { } problem)
                    {
                        return Problem(source, path, keyItself: true, problem);
                    }

                    break;
                case JsonTokenType.Number:
                    if (!reader.TryGetDouble(out double number) || !double.IsFinite(number))
                    {
                        return Problem(source, path, keyItself: true,
                            $"is out of range: {JsonText.Quote(Encoding.UTF8.GetString(reader.ValueSpan))} is not a finite number");
                    }

                    break;
            }

            if (token is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName)
                && reader.CurrentDepth == depth)
            {
                return null;
            }

            reader.Read();
        }
    }

    /// <summary>Why a string or key cannot be stored as sent, or null when it can.</summary>
    public static string? TextProblem(ref Utf8JsonReader reader, int sourceOffset)
    {
        var raw = reader.ValueSpan;
        if (!Utf8.IsValid(raw))
        {
            int bad = FirstInvalidByte(raw);

            // +1: the value's bytes start after its opening quote.
            long offset = sourceOffset + reader.TokenStartIndex + 1 + bad;
            return $"is not valid UTF-8 (byte 0x{raw[bad]:X2} at byte offset {JsonText.Bytes(offset)} of the body)";
        }

        return reader.ValueIsEscaped ? EscapeProblem(raw) : null;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> text)
    {
        // Utf8.IsValid says only whether; decoding rune by rune says where.
        int i = 0;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf8(text[i..], out _, out int consumed) != OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return 0;
    }

    /// <summary>Escapes the reader let through that the text must not hold: unpaired surrogates and NUL.</summary>
    private static string? EscapeProblem(ReadOnlySpan<byte> raw)
    {
        // The reader has checked the escapes' syntax: a backslash is followed by one character, or by u and 4 hex digits.
        int i = 0;
        while (raw[i..].IndexOf((byte)'\\') is var next and >= 0)
        {
            i += next;
            if (raw[i + 1] != (byte)'u')
            {
                i += 2;
                continue;
            }

            char unit = (char)Hex(raw.Slice(i + 2, 4));
            if (unit == '\0')
            {
                return "contains \\u0000 (a NUL character), which cannot be stored";
            }

            if (char.IsHighSurrogate(unit) && i + 12 <= raw.Length && raw[i + 6] == (byte)'\\' && raw[i + 7] == (byte)'u'
                && char.IsLowSurrogate((char)Hex(raw.Slice(i + 8, 4))))
            {
                i += 12;
                continue;
            }

            if (char.IsSurrogate(unit))
            {
                return $"is not valid Unicode: {JsonText.Quote(Encoding.ASCII.GetString(raw.Slice(i, 6)))} is half of a surrogate pair";
            }

            i += 6;
        }

        return null;
    }

    private static int Hex(ReadOnlySpan<byte> four)
    {
        int value = 0;
        foreach (byte b in four)
        {
            value = (value << 4) | (b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10);
        }

        return value;
    }

    /// <summary>Records the key in the current object; false when the object already has it.</summary>
    private bool AddKey(ref Utf8JsonReader reader)
    {
        var frame = frames[^1];
        ReadOnlySpan<byte> name = reader.ValueSpan;
        byte[]? rented = null;
        if (reader.ValueIsEscaped)
        {
            // "a" and "\u0061" are the same key.
            rented = ArrayPool<byte>.Shared.Rent(name.Length);
            name = rented.AsSpan(0, reader.CopyString(rented));
        }

        try
        {
            if (frame.Set is { } set)
            {
                return set.Add(Encoding.UTF8.GetString(name));
            }

            for (int k = frame.KeysStart; k < keys.Count; k++)
            {
                if (keyBytes.AsSpan(keys[k].Start, keys[k].Length).SequenceEqual(name))
                {
                    return false;
                }
            }

            if (keys.Count - frame.KeysStart < LinearKeys)
            {
                Store(name);
                return true;
            }

            // A large object: comparing each key with every other one would cost the square of their number.
            var all = new HashSet<string>(StringComparer.Ordinal);
            for (int k = frame.KeysStart; k < keys.Count; k++)
            {
                all.Add(Encoding.UTF8.GetString(keyBytes.AsSpan(keys[k].Start, keys[k].Length)));
            }

            frames[^1] = frame with { Set = all };
            return all.Add(Encoding.UTF8.GetString(name));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private void Store(ReadOnlySpan<byte> name)
    {
        if (keyBytesUsed + name.Length > keyBytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(256, (keyBytesUsed + name.Length) * 2));
            keyBytes.AsSpan(0, keyBytesUsed).CopyTo(larger);
            if (keyBytes.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(keyBytes);
            }

            keyBytes = larger;
        }

        name.CopyTo(keyBytes.AsSpan(keyBytesUsed));
        keys.Add((keyBytesUsed, name.Length));
        keyBytesUsed += name.Length;
    }

    /// <summary>The problem at the current position, named by its path from <paramref name="root"/>.</summary>
    /// <param name="keyItself">Name the current key; false: the object that holds it (its key is not readable).</param>
    private FieldError Problem(ReadOnlySpan<byte> source, string root, bool keyItself, string problem)
    {
        var path = new StringBuilder(root);
        for (int f = 0; f < frames.Count; f++)
        {
            var frame = frames[f];
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Element - 1).Append(']');
            }
            else if (frame.NameStart >= 0 && (keyItself || f < frames.Count - 1))
            {
                AppendName(path, source, frame.NameStart);
            }
        }

        return new FieldError(path.Length == 0 ? "body" : path.ToString(), problem);
    }

    private static void AppendName(StringBuilder path, ReadOnlySpan<byte> source, int nameStart)
    {
        var reader = new Utf8JsonReader(source[nameStart..], new JsonReaderOptions { AllowMultipleValues = true });
        reader.Read();
        string name = Utf8.IsValid(reader.ValueSpan) && reader.ValueIsEscaped && EscapeProblem(reader.ValueSpan) is null
            ? reader.GetString()!
            : Encoding.UTF8.GetString(reader.ValueSpan);
        bool plain = name.Length > 0 && name.AsSpan().IndexOfAny(".[]\"\\") < 0 && !name.Any(char.IsControl);
        if (plain)
        {
            path.Append(path.Length == 0 ? "" : ".").Append(name);
        }
        else
        {
            path.Append("[\"").Append(name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"]");
        }
    }

    /// <summary>An object or array being walked: its current key or element, and where its keys begin in the list.</summary>
    private readonly record struct Frame(bool IsArray, int KeysStart)
    {
        /// <summary>Where the object's current key starts in the source; -1 before the first.</summary>
        public int NameStart { get; init; } = -1;

        /// <summary>Elements of an array seen so far (the current one's index + 1).</summary>
        public int Element { get; init; }

        /// <summary>The keys of an object too large to compare them one by one.</summary>
        public HashSet<string>? Set { get; init; }
    }
}
