using Microsoft.Extensions.Time.Testing;
using Rekindle.Cli.Common;

namespace Rekindle.Server.Tests.Cli;

/// <summary>Progress written to a file or CI log is a few plain lines, not a bar redrawn thousands of times.</summary>
public sealed class ProgressReporterTests
{
    [Fact]
    public void Report_Redirected_OnePlainLinePerTenth()
    {
        var output = new StringWriter { NewLine = "\n" };
        var progress = new ProgressReporter("sending", 100_000, output, redirected: true, ProgressReporter.Count);

        for (var done = 0; done <= 100_000; done += 7)
        {
            progress.Report(done);
        }

        progress.Done();

        var expected = Enumerable.Range(1, 10).Select(t => $"sending: {t * 10}% ({t * 10_000:N0} of 100,000)").ToList();
        // Reports land on multiples of 7: the line of a tenth shows the first count past it.
        expected = expected.Select((line, i) => i == 9 ? line : line.Replace($"({(i + 1) * 10_000:N0} ", $"({FirstMultipleOf7From((i + 1) * 10_000):N0} ", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected, output.ToString().TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Report_RedirectedLargeSteps_NoLineTwiceAndTheLastIsComplete()
    {
        var output = new StringWriter { NewLine = "\n" };
        var progress = new ProgressReporter("uploading", 3 * 1_048_576, output, redirected: true, ProgressReporter.Megabytes);

        progress.Report(1_048_576);      // a third: past the 30 % line
        progress.Report(1_048_576);      // no progress: no line
        progress.Report(3 * 1_048_576);
        progress.Done();

        Assert.Equal(["uploading: 30% (1.0 MB of 3.0 MB)", "uploading: 100% (3.0 MB of 3.0 MB)"], output.ToString().TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Report_Terminal_RedrawsInPlaceAtMostTenTimesASecond()
    {
        var time = new FakeTimeProvider();
        var output = new StringWriter { NewLine = "\n" };
        var progress = new ProgressReporter("sending", 1_000, output, redirected: false, ProgressReporter.Count, time);

        for (var done = 1; done < 1_000; done++)
        {
            progress.Report(done);
            time.Advance(TimeSpan.FromMilliseconds(1));   // a second in all: ten redraws
        }

        progress.Done();

        var text = output.ToString();
        Assert.Equal(11, text.Count(c => c == '\r'));       // ten throttled redraws and the final one
        Assert.EndsWith("\rsending [########################################] 100% 1,000/1,000 \n", text, StringComparison.Ordinal);
    }

    private static int FirstMultipleOf7From(int n) => (n + 6) / 7 * 7;
}
