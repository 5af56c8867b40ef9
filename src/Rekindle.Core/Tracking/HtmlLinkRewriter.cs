using System.Net;
using System.Text;

namespace Rekindle.Core.Tracking;

/// <param name="Html">The HTML with the tracked links' addresses replaced.</param>
/// <param name="Links">The original address (entities decoded) of each replaced link, by link index: their order in the HTML.</param>
public sealed record RewrittenLinks(string Html, IReadOnlyList<string> Links);

/// <summary>
/// Replaces the address of every http(s) link (<c>&lt;a href&gt;</c>) in an HTML document, leaving every other
/// byte as it was. A forgiving scanner rather than a parser: attributes in any order, double, single or no
/// quotes, any letter case; comments (including Outlook's conditional ones), script, style, title and textarea
/// contents are left alone, and broken markup never throws. Links that are not http(s) — mailto:, tel:, #anchors,
/// relative paths, Liquid leftovers — keep their address, as do the ones <c>alreadyTracked</c> recognises.
/// </summary>
public static class HtmlLinkRewriter
{
    // Elements whose content is text, not markup: an "<a" inside them is not a link.
    private static readonly string[] RawTextElements = ["script", "style", "title", "textarea"];

    /// <param name="alreadyTracked">True for a (decoded) address that must not be wrapped again.</param>
    /// <param name="trackedUrl">The address that replaces link number i.</param>
    public static RewrittenLinks Rewrite(string html, Func<string, bool> alreadyTracked, Func<int, string> trackedUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(alreadyTracked);
        ArgumentNullException.ThrowIfNull(trackedUrl);

        var output = new StringBuilder(html.Length + 256);
        var links = new List<string>();
        var copied = 0;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                break;
            }

            i = lt + 1;
            var c = html[i];
            if (c == '!' && string.CompareOrdinal(html, i, "!--", 0, 3) == 0)
            {
                i = After(html, "-->", i + 3);
                continue;
            }

            if (c is '!' or '?' or '/')
            {
                i = After(html, ">", i);
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                continue; // "a < b": text, not a tag
            }

            var nameStart = i;
            while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] is '-' or ':'))
            {
                i++;
            }

            var name = html[nameStart..i];
            var href = ReadAttributes(html, ref i, out var closed);
            if (closed && href is { Complete: true } value && name.Equals("a", StringComparison.OrdinalIgnoreCase)
                && TrackableAddress(html[value.ValueStart..value.ValueEnd], alreadyTracked) is { } url)
            {
                output.Append(html, copied, value.Start - copied)
                    .Append('"').Append(WebUtility.HtmlEncode(trackedUrl(links.Count))).Append('"');
                links.Add(url);
                copied = value.End;
            }

            if (RawTextElements.Any(e => e.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
            }
        }

        output.Append(html, copied, html.Length - copied);
        return new RewrittenLinks(output.ToString(), links);
    }

    private static string? TrackableAddress(string raw, Func<string, bool> alreadyTracked)
    {
        // Browsers ignore the whitespace around an address; templates often leave some.
        var url = WebUtility.HtmlDecode(raw).Trim();
        var isWeb = Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0;
        return isWeb && !alreadyTracked(url) ? url : null;
    }

    /// <summary>
    /// Reads a start tag's attributes up to and past its '&gt;'; returns where the first href's value is.
    /// <paramref name="closed"/> is false for a tag the document ends inside of (which no browser shows).
    /// </summary>
    private static AttributeValue? ReadAttributes(string html, ref int i, out bool closed)
    {
        AttributeValue? href = null;
        while (i < html.Length && html[i] != '>')
        {
            if (char.IsWhiteSpace(html[i]) || html[i] == '/')
            {
                i++;
                continue;
            }

            var nameStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('=' or '>' or '/'))
            {
                i++;
            }

            if (i == nameStart)
            {
                i++; // a stray '=': skip it rather than loop
                continue;
            }

            var isHref = i - nameStart == 4 && string.Compare(html, nameStart, "href", 0, 4, StringComparison.OrdinalIgnoreCase) == 0;
            var afterName = i;
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (i >= html.Length || html[i] != '=')
            {
                i = afterName; // an attribute without a value; what follows is the next one
                continue;
            }

            i++;
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            var value = ReadValue(html, ref i);
            // The first of repeated attributes is the one browsers use.
            if (isHref && href is null)
            {
                href = value;
            }
        }

        closed = i < html.Length;
        i = Math.Min(i + 1, html.Length);
        return href;
    }

    private static AttributeValue ReadValue(string html, ref int i)
    {
        var start = i;
        if (i < html.Length && html[i] is '"' or '\'')
        {
            var end = html.IndexOf(html[i], i + 1);
            if (end < 0)
            {
                // An unclosed quote swallows the rest of the document: nothing there is a link to rewrite.
                i = html.Length;
                return new AttributeValue(start, i, start + 1, i, Complete: false);
            }

            i = end + 1;
            return new AttributeValue(start, i, start + 1, end, Complete: true);
        }

        while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
        {
            i++;
        }

        return new AttributeValue(start, i, start, i, Complete: true);
    }

    private static int After(string html, string marker, int from)
    {
        var end = html.IndexOf(marker, from, StringComparison.Ordinal);
        return end < 0 ? html.Length : end + marker.Length;
    }

    /// <summary>Where a value is: [Start, End) with its quotes, [ValueStart, ValueEnd) without.</summary>
    private readonly record struct AttributeValue(int Start, int End, int ValueStart, int ValueEnd, bool Complete);
}
