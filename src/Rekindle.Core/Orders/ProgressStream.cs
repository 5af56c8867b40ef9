namespace Rekindle.Core.Orders;

/// <summary>
/// A read-only pass-through that counts the bytes taken from the caller's stream (so that a progress bar
/// measures the file, not the decompressed text) and lets the importer look at the first bytes before
/// deciding whether they are gzip.
/// </summary>
internal sealed class ProgressStream(Stream inner, Action<OrderImportProgress>? progress) : Stream
{
    private readonly long? _total = inner.CanSeek ? inner.Length - inner.Position : null;
    private byte[] _peeked = [];
    private int _peekedPosition;

    public long BytesRead { get; private set; }

    public long? TotalBytes => _total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Up to <paramref name="count"/> first bytes, which later reads return again.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        if (_peeked.Length < count)
        {
            var buffer = new byte[count];
            _peeked.CopyTo(buffer, 0);
            var filled = _peeked.Length;
            int read;
            while (filled < count && (read = ReadInner(buffer.AsSpan(filled))) > 0)
            {
                filled += read;
            }

            _peeked = buffer[..filled];
        }

        return _peeked.AsSpan(0, Math.Min(count, _peeked.Length));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_peekedPosition < _peeked.Length)
        {
            var n = Math.Min(buffer.Length, _peeked.Length - _peekedPosition);
            _peeked.AsSpan(_peekedPosition, n).CopyTo(buffer);
            _peekedPosition += n;
            return n;
        }

        return ReadInner(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int ReadInner(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        BytesRead += read;
        if (read > 0)
        {
            progress?.Invoke(new OrderImportProgress(BytesRead, _total));
        }

        return read;
    }
}
