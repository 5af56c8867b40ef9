using System.Text;

namespace Rekindle.Channels.Email;

/// <summary>
/// Collects text the way a browser lays it out: runs of whitespace become one space, and line breaks
/// requested by block elements are merged (two paragraphs in a row give one blank line, not three).
/// </summary>
internal sealed class PlainTextWriter
{
    private readonly StringBuilder _text = new();
    private int _pendingBreaks;
    private bool _pendingSpace;

    public void Write(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                _pendingSpace = true;
                continue;
            }

            if (_pendingBreaks > 0 && _text.Length > 0)
            {
                TrimTrailingSpaces();
                _text.Append('\n', _pendingBreaks);
            }
            else if (_pendingSpace && _text.Length > 0 && _text[^1] != '\n')
            {
                _text.Append(' ');
            }

            _pendingBreaks = 0;
            _pendingSpace = false;
            _text.Append(c);
        }
    }

    /// <summary>Ends the current line unless it is already ended; <paramref name="lines"/> 2 leaves a blank line.</summary>
    public void Break(int lines)
    {
        _pendingBreaks = Math.Max(_pendingBreaks, lines);
        _pendingSpace = false;
    }

    /// <summary>A &lt;br&gt;: always a new line, even right after another one.</summary>
    public void LineBreak()
    {
        if (_pendingBreaks > 0 && _text.Length > 0)
        {
            TrimTrailingSpaces();
            _text.Append('\n', _pendingBreaks);
        }

        _pendingBreaks = 1;
        _pendingSpace = false;
    }

    public override string ToString()
    {
        TrimTrailingSpaces();
        return _text.ToString();
    }

    private void TrimTrailingSpaces()
    {
        while (_text.Length > 0 && _text[^1] == ' ')
        {
            _text.Length--;
        }
    }
}
