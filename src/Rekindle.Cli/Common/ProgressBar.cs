namespace Rekindle.Cli.Common;

/// <summary>A one-line progress bar on stderr (stdout stays clean for the result), redrawn at most 10×/s.</summary>
internal sealed class ProgressBar(string label, long total)
{
    private const int Width = 40;
    private long _lastDraw;

    public void Report(long done, bool force = false)
    {
        var now = Environment.TickCount64;
        if (!force && now - _lastDraw < 100)
        {
            return;
        }

        _lastDraw = now;
        var fraction = total <= 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
        var filled = (int)(fraction * Width);
        Console.Error.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} {done / 1_048_576.0:N1}/{total / 1_048_576.0:N1} MB ");
    }

    public void Done()
    {
        Report(total, force: true);
        Console.Error.WriteLine();
    }
}

/// <summary>A read-only stream that reports how far it has been read.</summary>
internal sealed class CountingStream(Stream inner, Action<long> progress) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        progress(_read);
        return read;
    }
}
