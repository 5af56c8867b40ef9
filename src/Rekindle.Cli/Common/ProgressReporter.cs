namespace Rekindle.Cli.Common;

/// <summary>
/// Progress of a long step. On a terminal: one bar redrawn in place (\r), at most 10×/s. Redirected to a file or
/// a CI log, where every redraw would be a new line: a plain line each time another tenth is done, so a run
/// writes at most ten. Shared by the CLI and bench/ (linked source), which pass their own writer and units.
/// </summary>
internal sealed class ProgressReporter
{
    private const int Width = 40;
    private readonly string _label;
    private readonly long _total;
    private readonly TextWriter _output;
    private readonly bool _redirected;
    private readonly Func<long, string> _amount;
    private readonly TimeProvider _time;
    private long _lastDraw = long.MinValue;
    private int _lastTenth;

    /// <param name="amount">How a count reads ("12.5 MB", "4,000"); the total is shown the same way.</param>
    /// <param name="redirected">Whether <paramref name="output"/> goes to a file or pipe (Console.IsErrorRedirected for stderr).</param>
    public ProgressReporter(string label, long total, TextWriter output, bool redirected, Func<long, string> amount, TimeProvider? time = null)
    {
        _label = label;
        _total = total;
        _output = output;
        _redirected = redirected;
        _amount = amount;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Progress on stderr (stdout stays clean for results), plain lines when stderr is redirected.</summary>
    public static ProgressReporter OnStandardError(string label, long total, Func<long, string> amount) =>
        new(label, total, Console.Error, Console.IsErrorRedirected, amount);

    /// <summary>Progress on stdout, plain lines when stdout is redirected.</summary>
    public static ProgressReporter OnStandardOutput(string label, long total, Func<long, string> amount) =>
        new(label, total, Console.Out, Console.IsOutputRedirected, amount);

    public static string Megabytes(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1_048_576.0:N1} MB");

    public static string Count(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public void Report(long done)
    {
        var fraction = _total <= 0 ? 1 : Math.Clamp((double)done / _total, 0, 1);
        if (_redirected)
        {
            var tenth = (int)Math.Floor(fraction * 10);
            if (tenth > _lastTenth)
            {
                _lastTenth = tenth;
                _output.WriteLine($"{_label}: {tenth * 10}% ({_amount(done)} of {_amount(_total)})");
            }

            return;
        }

        var now = _time.GetTimestamp();
        if (_lastDraw != long.MinValue && _time.GetElapsedTime(_lastDraw, now) < TimeSpan.FromMilliseconds(100) && fraction < 1)
        {
            return;
        }

        _lastDraw = now;
        var filled = (int)(fraction * Width);
        _output.Write($"\r{_label} [{new string('#', filled)}{new string('.', Width - filled)}] {(int)(fraction * 100),3}% {_amount(done)}/{_amount(_total)} ");
    }

    /// <summary>Shows the step complete and ends the bar's line.</summary>
    public void Done()
    {
        Report(_total);
        if (!_redirected)
        {
            _output.WriteLine();
        }
    }
}
