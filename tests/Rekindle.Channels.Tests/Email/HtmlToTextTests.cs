using Rekindle.Channels.Email;

namespace Rekindle.Channels.Tests.Email;

public sealed class HtmlToTextTests
{
    [Fact]
    public void Convert_TypicalEmail_GivesReadableText()
    {
        const string Html = """
            <!DOCTYPE html>
            <html><head><title>Your cart</title><style>p { color: red; }</style></head>
            <body>
              <!-- preheader -->
              <h1>Hi   Ann,</h1>
              <p>You left   <b>2 items</b> in your cart:</p>
              <ul><li>Hat &ndash; &euro;19.99</li><li>Scarf</li></ul>
              <p><a href="https://shop.example/cart?id=1&amp;utm=x">Back to your cart</a></p>
              <p>Questions? <a href="mailto:help@shop.example">help@shop.example</a><br>Tom &amp; the team</p>
              <script>alert(1)</script>
            </body></html>
            """;

        var text = HtmlToText.Convert(Html);

        Assert.Equal(
            "Hi Ann,\n\nYou left 2 items in your cart:\n\n- Hat – €19.99\n- Scarf\n\n"
            + "Back to your cart (https://shop.example/cart?id=1&utm=x)\n\nQuestions? help@shop.example\nTom & the team",
            text);
    }

    [Fact]
    public void Convert_LinkWhoseTextIsTheUrl_WritesUrlOnce()
    {
        Assert.Equal("See https://a.example/x", HtmlToText.Convert("See <a href='https://a.example/x'>https://a.example/x</a>"));
    }

    [Fact]
    public void Convert_ImageOnlyLink_WritesTheUrl()
    {
        Assert.Equal("https://a.example/", HtmlToText.Convert("<a href=https://a.example/><img src=\"logo.png\" alt=\"Logo\"></a>"));
    }

    [Fact]
    public void Convert_InPageAnchor_KeepsOnlyTheText()
    {
        Assert.Equal("Top", HtmlToText.Convert("<a href=\"#top\">Top</a>"));
    }

    [Fact]
    public void Convert_TableCells_SeparatedBySpacesRowsByLines()
    {
        Assert.Equal("Hat 19.99\nScarf 5.00", HtmlToText.Convert("<table><tr><td>Hat</td><td>19.99</td></tr><tr><td>Scarf</td><td>5.00</td></tr></table>"));
    }

    [Fact]
    public void Convert_DoubleBr_LeavesBlankLine()
    {
        Assert.Equal("a\n\nb", HtmlToText.Convert("a<br/><br/>b"));
    }

    [Fact]
    public void Convert_LessThanThatOpensNoTag_KeptAsText()
    {
        Assert.Equal("1 < 2 and 3 > 2", HtmlToText.Convert("1 < 2 and 3 &gt; 2"));
    }

    [Fact]
    public void Convert_UnterminatedTagAndComment_DoesNotThrow()
    {
        Assert.Equal("text", HtmlToText.Convert("text<!-- never closed"));
        Assert.Equal("text", HtmlToText.Convert("text<a href=\"x"));
    }

    [Fact]
    public void Convert_PlainText_ReturnedTrimmed()
    {
        Assert.Equal("Just words", HtmlToText.Convert("  Just \n words  "));
    }
}
