using System.Text;
using MimeKit;

namespace Rekindle.Testing.Smtp;

/// <summary>
/// Reads smtp-sink's per-message dump files: its own X-Client-Addr, X-Client-Proto, X-Helo-Args,
/// X-Mail-Args and X-Rcpt-Args records and a three-line Received header, then the message as received
/// (dot-unstuffed, CRLF turned into LF), then one empty line that is the trace of the final ".".
/// </summary>
public static class SinkDump
{
    public static ReceivedMail Parse(byte[] dump, DateTimeOffset receivedAt, string dumpFile)
    {
        ArgumentNullException.ThrowIfNull(dump);
        string? mailFrom = null;
        string? helo = null;
        string? clientAddress = null;
        var rcptTo = new List<string>();
        var position = 0;
        var receivedLinesLeft = -1;
        while (position < dump.Length && receivedLinesLeft != 0)
        {
            var end = Array.IndexOf(dump, (byte)'\n', position);
            if (end < 0)
            {
                throw new FormatException($"{dumpFile}: the smtp-sink header ends early.");
            }

            var line = Encoding.UTF8.GetString(dump, position, end - position);
            position = end + 1;
            if (receivedLinesLeft > 0)
            {
                receivedLinesLeft--;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].Trim();
            switch (name)
            {
                case "X-Client-Addr":
                    clientAddress = value;
                    break;
                case "X-Client-Proto":
                    break;
                case "X-Helo-Args":
                    helo = value;
                    break;
                case "X-Mail-Args":
                    mailFrom = PathAddress(value);
                    break;
                case "X-Rcpt-Args":
                    rcptTo.Add(PathAddress(value));
                    break;
                case "Received":
                    // "from ...", then "\tby ... id ...;" and "\t<date>" close smtp-sink's part.
                    receivedLinesLeft = 2;
                    break;
                default:
                    throw new FormatException($"{dumpFile}: unexpected smtp-sink record '{line}'.");
            }
        }

        if (receivedLinesLeft != 0 || mailFrom is null || clientAddress is null)
        {
            throw new FormatException($"{dumpFile}: not a complete smtp-sink dump.");
        }

        var length = dump.Length - position;
        if (length > 0 && dump[^1] == '\n')
        {
            length--;
        }

        using var content = new MemoryStream(dump, position, length, writable: false);
        var message = MimeMessage.Load(content);
        return new ReceivedMail(mailFrom, rcptTo, helo, clientAddress, message, receivedAt, dumpFile);
    }

    // "<a@example.com> SIZE=123 BODY=8BITMIME" -> "a@example.com"
    private static string PathAddress(string arguments)
    {
        var open = arguments.IndexOf('<', StringComparison.Ordinal);
        var close = open < 0 ? -1 : arguments.IndexOf('>', open + 1);
        if (open < 0 || close < 0)
        {
            var space = arguments.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? arguments : arguments[..space];
        }

        return arguments[(open + 1)..close];
    }
}
