using Rekindle.Core.Tracking;

namespace Rekindle.Core.Tests.Tracking;

public sealed class HtmlLinkRewriterTests
{
    private static RewrittenLinks Rewrite(string html) => HtmlLinkRewriter.Rewrite(html,
        url => url.StartsWith("https://t.example/t/", StringComparison.Ordinal), i => $"https://t.example/t/c/{i}");

    [Fact]
    public void Rewrite_DoubleSingleAndUnquoted_EachReplacedDoubleQuotedInOrder()
    {
        var result = Rewrite("""<p><a href="https://shop.example/a">A</a> <a href='http://shop.example/b'>B</a> <a href=https://shop.example/c>C</a></p>""");

        Assert.Equal("""<p><a href="https://t.example/t/c/0">A</a> <a href="https://t.example/t/c/1">B</a> <a href="https://t.example/t/c/2">C</a></p>""", result.Html);
        Assert.Equal(["https://shop.example/a", "http://shop.example/b", "https://shop.example/c"], result.Links);
    }

    [Fact]
    public void Rewrite_HrefAfterOtherAttributesAnyCase_OnlyTheHrefValueReplaced()
    {
        var html = """<A class="button" data-href="https://not.this/" title='a > b' HREF = "https://shop.example/sale" target=_blank>Sale</A>""";

        var result = Rewrite(html);

        Assert.Equal("""<A class="button" data-href="https://not.this/" title='a > b' HREF = "https://t.example/t/c/0" target=_blank>Sale</A>""", result.Html);
        Assert.Equal(["https://shop.example/sale"], result.Links);
    }

    [Fact]
    public void Rewrite_EntitiesAndSurroundingWhitespace_LinkStoredDecodedAndTrimmed()
    {
        var result = Rewrite("<a href=\"\n  https://shop.example/p?a=1&amp;b=2&#38;c=3  \">P</a>");

        Assert.Equal(["https://shop.example/p?a=1&b=2&c=3"], result.Links);
        Assert.Equal("""<a href="https://t.example/t/c/0">P</a>""", result.Html);
    }

    [Theory]
    [InlineData("""<a href="mailto:help@shop.example">Mail</a>""")]
    [InlineData("""<a href="tel:+441234">Call</a>""")]
    [InlineData("""<a href="#top">Top</a>""")]
    [InlineData("""<a href="/relative/path">Rel</a>""")]
    [InlineData("""<a href="//shop.example/protocol-relative">P</a>""")]
    [InlineData("""<a href="javascript:alert(1)">J</a>""")]
    [InlineData("""<a href="https://">Empty host</a>""")]
    [InlineData("""<a href="">Empty</a>""")]
    [InlineData("""<a name="anchor">No href</a>""")]
    [InlineData("""<a href="https://t.example/t/c/already">Tracked</a>""")]
    [InlineData("""<area href="https://shop.example/map">""")]
    [InlineData("""<link href="https://shop.example/style.css" rel="stylesheet">""")]
    [InlineData("""<abbr href="https://shop.example/x">x</abbr>""")]
    public void Rewrite_NotAnHttpLinkToTrack_Untouched(string html)
    {
        var result = Rewrite(html);

        Assert.Equal(html, result.Html);
        Assert.Empty(result.Links);
    }

    [Theory]
    [InlineData("""<!-- <a href="https://shop.example/commented">x</a> -->""")]
    [InlineData("""<!--[if mso]><a href="https://shop.example/outlook">x</a><![endif]-->""")]
    [InlineData("""<style>a[href^="x"] { color: red } /* <a href="https://shop.example/css"> */</style>""")]
    [InlineData("""<script>var s = '<a href="https://shop.example/js">';</script>""")]
    [InlineData("""<title><a href="https://shop.example/title"></title>""")]
    [InlineData("""<img alt='<a href="https://shop.example/alt">' src="https://cdn.example/i.png">""")]
    public void Rewrite_LinkTextInsideCommentsRawTextOrAttributes_Untouched(string html)
    {
        var result = Rewrite(html);

        Assert.Equal(html, result.Html);
        Assert.Empty(result.Links);
    }

    [Fact]
    public void Rewrite_TextAfterScriptAndComment_StillRewritten()
    {
        var result = Rewrite("""<script>x < y</script><!-- c --><p>1 < 2</p><a href="https://shop.example/after">A</a>""");

        Assert.Equal("""<script>x < y</script><!-- c --><p>1 < 2</p><a href="https://t.example/t/c/0">A</a>""", result.Html);
        Assert.Equal(["https://shop.example/after"], result.Links);
    }

    [Fact]
    public void Rewrite_SameAddressTwice_TwoLinksEachWithItsIndex()
    {
        var result = Rewrite("""<a href="https://shop.example/">1</a><a href="https://shop.example/">2</a>""");

        Assert.Equal("""<a href="https://t.example/t/c/0">1</a><a href="https://t.example/t/c/1">2</a>""", result.Html);
        Assert.Equal(["https://shop.example/", "https://shop.example/"], result.Links);
    }

    [Fact]
    public void Rewrite_RepeatedHref_OnlyTheFirstWhichBrowsersUse()
    {
        var result = Rewrite("""<a href="https://shop.example/first" href="https://shop.example/second">x</a>""");

        Assert.Equal("""<a href="https://t.example/t/c/0" href="https://shop.example/second">x</a>""", result.Html);
        Assert.Equal(["https://shop.example/first"], result.Links);
    }

    [Fact]
    public void Rewrite_AttributeWithoutValueBeforeHref_Rewritten()
    {
        var result = Rewrite("""<a download href="https://shop.example/f.pdf">f</a>""");

        Assert.Equal("""<a download href="https://t.example/t/c/0">f</a>""", result.Html);
    }

    [Theory]
    [InlineData("""<a href="https://shop.example/unclosed>text""")]
    [InlineData("""<a href=""")]
    [InlineData("""<a""")]
    [InlineData("""<""")]
    [InlineData("""<a href='https://shop.example/x' =oops""")]
    public void Rewrite_BrokenMarkup_NoExceptionAndNothingTracked(string html)
    {
        var result = Rewrite(html);

        Assert.Equal(html, result.Html);
        Assert.Empty(result.Links);
    }

    [Fact]
    public void Rewrite_NoLinks_SameTextAndEmptyList()
    {
        const string html = "<html><body><p>Hello &amp; welcome</p></body></html>";

        var result = Rewrite(html);

        Assert.Equal(html, result.Html);
        Assert.Empty(result.Links);
    }
}
