using System.Net;

namespace Rekindle.Channels.Email;

/// <summary>One tag as read by <see cref="HtmlToText"/>; only the attribute it needs (href) is kept.</summary>
internal readonly record struct HtmlTag(string Name, bool IsClosing, bool IsSelfClosing, string? Href)
{
    /// <summary>
    /// Reads the tag, comment or declaration starting at <paramref name="start"/> (a '&lt;').
    /// Comments and declarations come back with an empty name. False when the '&lt;' opens no tag ("a &lt; b").
    /// </summary>
    public static bool TryRead(string html, int start, out HtmlTag tag, out int next)
    {
        tag = default;
        next = start;
        var i = start + 1;
        if (i >= html.Length)
        {
            return false;
        }

        if (html[i] == '!' || html[i] == '?')
        {
            var isComment = string.CompareOrdinal(html, i, "!--", 0, 3) == 0;
            var end = isComment ? html.IndexOf("-->", i + 3, StringComparison.Ordinal) : html.IndexOf('>', i);
            next = end < 0 ? html.Length : end + (isComment ? 3 : 1);
            tag = new HtmlTag("", IsClosing: false, IsSelfClosing: true, Href: null);
            return true;
        }

        var closing = html[i] == '/';
        if (closing)
        {
            i++;
        }

        if (i >= html.Length || !char.IsAsciiLetter(html[i]))
        {
            return false;
        }

        var nameStart = i;
        while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] == '-' || html[i] == ':'))
        {
            i++;
        }

        var name = html[nameStart..i];
        string? href = null;
        var selfClosing = false;
        while (i < html.Length && html[i] != '>')
        {
            if (char.IsWhiteSpace(html[i]))
            {
                i++;
                continue;
            }

            if (html[i] == '/')
            {
                selfClosing = true;
                i++;
                continue;
            }

            var attributeStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('=' or '>' or '/'))
            {
                i++;
            }

            var attribute = html[attributeStart..i];
            if (i < html.Length && html[i] == '=')
            {
                i++;
                var value = ReadValue(html, ref i);
                if (attribute.Equals("href", StringComparison.OrdinalIgnoreCase))
                {
                    href = WebUtility.HtmlDecode(value);
                }
            }
            else if (attribute.Length == 0)
            {
                i++;
            }

            selfClosing = false;
        }

        next = Math.Min(i + 1, html.Length);
        tag = new HtmlTag(name, closing, selfClosing, href);
        return true;
    }

    private static string ReadValue(string html, ref int i)
    {
        if (i >= html.Length)
        {
            return "";
        }

        var quote = html[i];
        if (quote is '"' or '\'')
        {
            var end = html.IndexOf(quote, i + 1);
            end = end < 0 ? html.Length : end;
            var quoted = html[(i + 1)..end];
            i = Math.Min(end + 1, html.Length);
            return quoted;
        }

        var start = i;
        while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
        {
            i++;
        }

        return html[start..i];
    }
}
