using System.Text.RegularExpressions;
using Rekindle.Core.Tracking;

namespace Rekindle.Core.Tests.Tracking;

public sealed class EmailTrackerTests
{
    private const string MessageId = "0193a1b2c3d4e5f60718293a4b5c6d7e";
    private static readonly TrackingTokens Tokens = new(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());
    private static readonly EmailTracker Tracker = new("https://rekindle.example.com/", Tokens);

    [Fact]
    public void Apply_HtmlWithBody_LinksThroughClickUrlsAndPixelBeforeBodyEnd()
    {
        const string html = """<html><body><a href="https://shop.example/p/1">Shoe</a> <a href="mailto:help@shop.example">Help</a></body></html>""";

        var tracked = Tracker.Apply(MessageId, html);

        var click = Tracker.ClickUrl(MessageId, 0);
        var open = Tracker.OpenUrl(MessageId);
        Assert.Equal(
            $"""<html><body><a href="{click}">Shoe</a> <a href="mailto:help@shop.example">Help</a><img src="{open}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0"></body></html>""",
            tracked.Html);
        Assert.Equal(["https://shop.example/p/1"], tracked.Links);
        Assert.Matches($"^https://rekindle\\.example\\.com/t/c/{MessageId}\\.0\\.[A-Za-z0-9_-]{{22}}$", click);
        Assert.Matches($"^https://rekindle\\.example\\.com/t/o/{MessageId}\\.[A-Za-z0-9_-]{{22}}$", open);
    }

    [Fact]
    public void Apply_FragmentWithoutBody_PixelAtTheEnd()
    {
        var tracked = Tracker.Apply(MessageId, "<p>Hi</p>");

        Assert.Equal($"<p>Hi</p><img src=\"{Tracker.OpenUrl(MessageId)}\" width=\"1\" height=\"1\" alt=\"\" " +
            "style=\"display:block;width:1px;height:1px;border:0;margin:0;padding:0\">", tracked.Html);
        Assert.Empty(tracked.Links);
    }

    [Fact]
    public void Apply_AlreadyTrackedHtml_LinksNotWrappedTwice()
    {
        var once = Tracker.Apply(MessageId, """<a href="https://shop.example/">x</a>""");

        var twice = Tracker.Apply(MessageId, once.Html);

        // The click URL stays as it was; only another pixel is added (a pixel is not a link).
        Assert.Empty(twice.Links);
        Assert.Single(Regex.Matches(twice.Html, "/t/c/"));
    }

    [Fact]
    public void ClickUrl_ReadBackThroughTheTokens_TheMessageAndLink()
    {
        var url = Tracker.ClickUrl(MessageId, 4);

        var token = url[(Tracker.BaseUrl + EmailTracker.ClickPath).Length..];
        Assert.Equal(new TrackingToken(MessageId, 4), Tokens.Read(token));
    }

    [Fact]
    public void BaseUrl_WithPathAndTrailingSlash_TrackingPathsAppendedOnce()
    {
        var tracker = new EmailTracker("https://shop.example/rekindle/", Tokens);

        Assert.Equal("https://shop.example/rekindle", tracker.BaseUrl);
        Assert.StartsWith("https://shop.example/rekindle/t/o/", tracker.OpenUrl(MessageId), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rekindle.example.com", "is not an absolute http(s) URL (e.g. https://rekindle.example.com)")]
    [InlineData("ftp://rekindle.example.com", "is not an absolute http(s) URL (e.g. https://rekindle.example.com)")]
    [InlineData("https://rekindle.example.com/?a=1", "must not have a query or a fragment: the tracking paths are appended to it")]
    [InlineData("https://rekindle.example.com/#x", "must not have a query or a fragment: the tracking paths are appended to it")]
    [InlineData("https://rekindle.example.com", null)]
    [InlineData("http://localhost:5080/base", null)]
    public void BaseUrlProblem_EachKind_SaysWhy(string baseUrl, string? problem)
    {
        Assert.Equal(problem, EmailTracker.BaseUrlProblem(baseUrl));
    }
}
