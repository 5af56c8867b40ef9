using System.Net;
using System.Text;

namespace Rekindle.Channels.Email;

/// <summary>
/// Derives a readable plain-text body from an HTML email: tags dropped, links kept as "text (url)",
/// entities decoded, block elements turned into line breaks. Not a full HTML parser: email HTML from our
/// own templates is regular enough, and a forgiving scanner never throws on the odd broken tag.
/// </summary>
public static class HtmlToText
{
    private static readonly HashSet<string> ParagraphTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre", "hr",
    };

    private static readonly HashSet<string> LineTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "tr", "section", "article", "header", "footer", "center", "address", "dl", "dt", "dd",
    };

    // Their content is never shown to a reader.
    private static readonly HashSet<string> HiddenTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "head", "script", "style", "title", "template",
    };

    public static string Convert(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var writer = new PlainTextWriter();
        string? linkHref = null;
        var linkText = new StringBuilder();
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            var textEnd = lt < 0 ? html.Length : lt;
            if (textEnd > i)
            {
                var text = WebUtility.HtmlDecode(html[i..textEnd]);
                writer.Write(text);
                if (linkHref is not null)
                {
                    linkText.Append(text);
                }
            }

            if (lt < 0)
            {
                break;
            }

            if (!HtmlTag.TryRead(html, lt, out var tag, out var next))
            {
                writer.Write("<");
                i = lt + 1;
                continue;
            }

            i = next;
            if (!tag.IsClosing && HiddenTags.Contains(tag.Name) && !tag.IsSelfClosing)
            {
                i = SkipPast(html, i, tag.Name);
            }
            else if (IsTag(tag, "a"))
            {
                if (!tag.IsClosing)
                {
                    linkHref = ShownHref(tag.Href);
                    linkText.Clear();
                }
                else if (linkHref is not null)
                {
                    WriteLinkTarget(writer, linkHref, linkText.ToString());
                    linkHref = null;
                }
            }
            else if (IsTag(tag, "br"))
            {
                writer.LineBreak();
            }
            else if (IsTag(tag, "li"))
            {
                writer.Break(1);
                if (!tag.IsClosing)
                {
                    writer.Write("- ");
                }
            }
            else if (IsTag(tag, "td") || IsTag(tag, "th"))
            {
                writer.Write(" ");
            }
            else if (ParagraphTags.Contains(tag.Name))
            {
                writer.Break(2);
            }
            else if (LineTags.Contains(tag.Name))
            {
                writer.Break(1);
            }
        }

        return writer.ToString();
    }

    private static bool IsTag(HtmlTag tag, string name) => tag.Name.Equals(name, StringComparison.OrdinalIgnoreCase);

    private static void WriteLinkTarget(PlainTextWriter writer, string href, string text)
    {
        var shown = text.Trim();
        if (shown.Length == 0)
        {
            writer.Write(href);
        }
        else if (!string.Equals(shown, href, StringComparison.OrdinalIgnoreCase)
            && !string.Equals("mailto:" + shown, href, StringComparison.OrdinalIgnoreCase))
        {
            writer.Write($" ({href})");
        }
    }

    // Anchors within the page and script links mean nothing in a text part.
    private static string? ShownHref(string? href)
    {
        var trimmed = href?.Trim();
        return string.IsNullOrEmpty(trimmed)
            || trimmed.StartsWith('#')
            || trimmed.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
            ? null
            : trimmed;
    }

    private static int SkipPast(string html, int from, string tagName)
    {
        var close = html.IndexOf("</" + tagName, from, StringComparison.OrdinalIgnoreCase);
        if (close < 0)
        {
            return html.Length;
        }

        var end = html.IndexOf('>', close);
        return end < 0 ? html.Length : end + 1;
    }
}
