using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Rekindle.Core.Orders;

/// <summary>The fields of the record <see cref="CsvReader"/> is reading, and the characters of the current one.</summary>
internal sealed class CsvFields
{
    private readonly List<string> _fields = [];
    private readonly List<string> _previous = [];
    private char[] _chars = new char[256];
    private int _length;

    public int Count => _fields.Count;

    public void Clear()
    {
        _fields.Clear();
        _length = 0;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + text.Length));
        }

        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }

    public void EndField()
    {
        var index = _fields.Count;
        var text = _chars.AsSpan(0, _length);
        string value;
        if (index < _previous.Count && text.SequenceEqual(_previous[index]))
        {
            // Order files repeat the order's id, date, customer and country on every row of the order:
            // sharing the previous row's string saves most of the allocations.
            value = _previous[index];
        }
        else
        {
            value = text.Length == 0 ? string.Empty : new string(text);
            if (index < _previous.Count)
            {
                _previous[index] = value;
            }
            else
            {
                _previous.Add(value);
            }
        }

        _fields.Add(value);
        _length = 0;
    }

    public ImmutableArray<string> ToImmutable() => ImmutableCollectionsMarshal.AsImmutableArray(_fields.ToArray());
}
