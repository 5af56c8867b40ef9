using System.Buffers;

namespace Rekindle.Core.Orders;

/// <summary>
/// A streaming RFC 4180 reader: comma separated, fields optionally in double quotes, a doubled quote
/// inside quotes is one quote, and commas and line breaks inside quotes belong to the field. It holds one
/// buffer of text and one record at a time, never the file.
/// </summary>
/// <remarks>
/// Beyond the RFC, in the directions real exports need: CRLF, LF and a lone CR all end a line (inside quotes
/// they are kept verbatim); a leading byte order mark is dropped; blank lines are skipped; a quote inside an
/// unquoted field (<c>12" frame</c>) is kept as a character. Malformed input never throws: text after a
/// closing quote, a quote still open at the end of the file, or a record longer than the limit come back
/// as a record with <see cref="CsvRecord.Error"/> set, and reading goes on. A record over the limit (in
/// practice a stray opening quote swallowing the lines after it) is cut off at the next line break, so one
/// bad quote costs a bounded number of lines rather than the rest of the file and all the memory.
/// </remarks>
public sealed class CsvReader
{
    public const int DefaultMaxRecordChars = 1 << 20;

    private const int BufferSize = 1 << 16;
    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\r\n");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\r\n");
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n");

    private readonly TextReader _reader;
    private readonly int _maxRecordChars;
    private readonly char[] _buffer = new char[BufferSize];
    private readonly CsvFields _fields = new();
    private int _recordChars;
    private int _position;
    private int _length;
    private bool _started;
    private bool _skipLineFeed;
    private bool _quotedCarriageReturn;
    private long _line = 1;

    public CsvReader(TextReader reader, int maxRecordChars = DefaultMaxRecordChars)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordChars, 1);
        _reader = reader;
        _maxRecordChars = maxRecordChars;
    }

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        Discard,
    }

    /// <summary>The physical line the next record starts on (after the last one read, the line count + 1).</summary>
    public long Line => _line;

    /// <summary>The next record, or null at the end of the input.</summary>
    public CsvRecord? Read()
    {
        _fields.Clear();
        _recordChars = 0;
        _quotedCarriageReturn = false;
        var state = State.FieldStart;
        var startLine = _line;
        var begun = false;
        string? error = null;

        while (true)
        {
            if (_position >= _length && !Fill())
            {
                if (!begun)
                {
                    return null;
                }

                if (state == State.Quoted)
                {
                    error ??= $"a quoted field (field {_fields.Count + 1}) is not closed before the end of the file";
                }

                return state == State.Discard ? Discarded(startLine, error!) : Complete(startLine, error);
            }

            if (_skipLineFeed)
            {
                // A record (or blank line) ended on CR: an LF right after it is the same line break.
                _skipLineFeed = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }

            var text = _buffer.AsSpan(_position, _length - _position);
            switch (state)
            {
                case State.FieldStart:
                    if (text[0] == '"')
                    {
                        _position++;
                        begun = true;
                        state = State.Quoted;
                    }
                    else if (!begun && text[0] is '\r' or '\n')
                    {
                        EndLine();
                        startLine = _line;
                    }
                    else
                    {
                        begun = true;
                        state = State.Unquoted;
                    }

                    break;

                case State.Unquoted:
                {
                    var stop = text.IndexOfAny(UnquotedStops);
                    var run = stop < 0 ? text : text[..stop];
                    Append(run);
                    _position += run.Length;
                    if (stop >= 0 && !TooLong)
                    {
                        if (_buffer[_position] == ',')
                        {
                            _position++;
                            EndField();
                            state = State.FieldStart;
                        }
                        else
                        {
                            EndLine();
                            return Complete(startLine, error);
                        }
                    }

                    break;
                }

                case State.Quoted:
                {
                    var stop = text.IndexOfAny(QuotedStops);
                    var run = stop < 0 ? text : text[..stop];
                    if (run.Length > 0)
                    {
                        Append(run);
                        _position += run.Length;
                        _quotedCarriageReturn = false;
                    }

                    // Over the limit, the line break is left for the discarding to stop at.
                    if (stop >= 0 && !TooLong)
                    {
                        var c = _buffer[_position++];
                        if (c == '"')
                        {
                            _quotedCarriageReturn = false;
                            state = State.QuoteInQuoted;
                        }
                        else
                        {
                            // CRLF inside quotes is one physical line break, as outside.
                            if (c == '\r' || !_quotedCarriageReturn)
                            {
                                _line++;
                            }

                            _quotedCarriageReturn = c == '\r';
                            Append(c);
                        }
                    }

                    break;
                }

                case State.QuoteInQuoted:
                    switch (text[0])
                    {
                        case '"':
                            _position++;
                            Append('"');
                            state = State.Quoted;
                            break;
                        case ',':
                            _position++;
                            EndField();
                            state = State.FieldStart;
                            break;
                        case '\r' or '\n':
                            EndLine();
                            return Complete(startLine, error);
                        default:
                            // Kept as text so that the field still reads as the writer probably meant.
                            error ??= $"unexpected text after the closing quote of field {_fields.Count + 1}";
                            state = State.Unquoted;
                            break;
                    }

                    break;

                case State.Discard:
                {
                    var stop = text.IndexOfAny(LineBreaks);
                    if (stop < 0)
                    {
                        _position = _length;
                        break;
                    }

                    _position += stop;
                    EndLine();
                    return Discarded(startLine, error!);
                }
            }

            if (TooLong && state != State.Discard)
            {
                error = $"the record is longer than {_maxRecordChars:N0} characters (an unclosed quote?); "
                    + "it was skipped up to the next line break";
                state = State.Discard;
            }
        }
    }

    private bool TooLong => _recordChars > _maxRecordChars;

    private bool Fill()
    {
        while (true)
        {
            _position = 0;
            _length = _reader.Read(_buffer, 0, _buffer.Length);
            if (_length == 0)
            {
                return false;
            }

            if (!_started)
            {
                _started = true;
                if (_buffer[0] == '\uFEFF')
                {
                    _position = 1;
                }
            }

            if (_position < _length)
            {
                return true;
            }
        }
    }

    /// <summary>Consumes the line break at the current position and counts it.</summary>
    private void EndLine()
    {
        _skipLineFeed = _buffer[_position] == '\r';
        _position++;
        _line++;
    }

    private void Append(char c) => Append(new ReadOnlySpan<char>(in c));

    private void Append(ReadOnlySpan<char> text)
    {
        _recordChars += text.Length;
        if (!TooLong)
        {
            _fields.Append(text);
        }
    }

    private void EndField()
    {
        _fields.EndField();
        _recordChars++;
    }

    private CsvRecord Complete(long startLine, string? error)
    {
        EndField();
        return new CsvRecord(startLine, _fields.ToImmutable(), error);
    }

    private CsvRecord Discarded(long startLine, string error) => new(startLine, [], error);
}
