using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace Rekindle.Server.Tests.Ingestion;

/// <summary>One request of the fuzz test: what was sent, how, and the ids of the valid messages it was made from.</summary>
public sealed record FuzzCase(int Number, string Path, byte[] Body, bool Gzip, byte[] Json, IReadOnlyList<string> OriginalIds, string Mutations)
{
    /// <summary>The payload as a failure message shows it: the JSON text (invalid bytes escaped), cut short.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (byte b in Json.Take(3000))
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return $"case {Number}: POST {Path}{(Gzip ? " (gzip)" : "")} [{Mutations}] {Json.Length} bytes:\n{text}";
    }
}

/// <summary>
/// Valid Segment messages of every type, then mutated as broken clients and hostile senders do: deep nesting, huge
/// strings, wrong types, missing fields, duplicate keys, numbers out of range, invalid UTF-8 and escapes, truncation,
/// random bytes, gzip (whole or truncated). Everything comes from one seeded <see cref="Random"/>, so a seed replays a run.
/// </summary>
public sealed class SegmentFuzzer(int seed)
{
    private static readonly string[] Types = ["track", "identify", "page", "screen", "alias", "group"];
    private static readonly string[] Events = ["Product Added", "Product Viewed", "Order Completed", "Checkout Started", "Signed Up", "Ünïcödé 😀 event"];
    private static readonly string[] Fields = ["type", "event", "userId", "anonymousId", "messageId", "properties", "traits", "context", "timestamp", "sentAt", "name", "previousId", "groupId"];
    private static readonly string[] Markers = ["\"properties\":{", "\"traits\":{", "\"context\":{", "{\"type\":"];

    private readonly Random rng = new(seed);
    private int cases;

    public FuzzCase Next()
    {
        int number = ++cases;
        bool batch = rng.NextDouble() < 0.7;
        int count = batch ? rng.Next(0, 8) : 1;
        var ids = new List<string>();
        var messages = new JsonArray();
        for (int i = 0; i < count; i++)
        {
            var id = $"fz-{seed}-{number}-{i}";
            ids.Add(id);
            messages.Add(Message(id));
        }

        // A single call's URL names the type the message was made as, whatever a mutation does to its "type".
        string path = batch ? "/v1/batch" : "/v1/" + (string)messages[0]!["type"]!;
        var mutations = new List<string>();
        int structural = rng.Next(0, 3);
        for (int m = 0; m < structural && count > 0; m++)
        {
            mutations.Add(Mutate((JsonObject)messages[rng.Next(count)]!));
        }

        JsonNode root = batch ? new JsonObject { ["batch"] = messages } : messages[0]!.DeepClone();
        byte[] json = Encoding.UTF8.GetBytes(root.ToJsonString());
        if (rng.NextDouble() < 0.5)
        {
            (json, var what) = MutateText(json);
            mutations.Add(what);
        }

        bool gzip = rng.NextDouble() < 0.2;
        byte[] body = json;
        if (gzip)
        {
            body = Gzip(json);
            if (rng.NextDouble() < 0.5)
            {
                body = body[..rng.Next(body.Length)];
                mutations.Add("truncated gzip");
            }
        }

        return new FuzzCase(number, path, body, gzip, json, ids, string.Join(", ", mutations));
    }

    private JsonObject Message(string id)
    {
        string type = Types[rng.Next(Types.Length)];
        var message = new JsonObject
        {
            ["type"] = type,
            ["messageId"] = id,
            [rng.NextDouble() < 0.5 ? "userId" : "anonymousId"] = rng.NextDouble() < 0.2 ? rng.Next(1, 1_000_000) : $"{id}-who",
            ["context"] = new JsonObject { ["library"] = new JsonObject { ["name"] = "analytics-node", ["version"] = "2.1.0" }, ["ip"] = "203.0.113.7" },
        };
        if (rng.NextDouble() < 0.5)
        {
            message["timestamp"] = "2026-12-01T10:15:00.123Z";
        }

        switch (type)
        {
            case "track":
                message["event"] = Events[rng.Next(Events.Length)];
                message["properties"] = Properties();
                break;
            case "identify":
                message["traits"] = new JsonObject { ["email"] = $"{id}@example.com", ["first_name"] = "Zoë", ["age"] = rng.Next(18, 90), ["vip"] = rng.NextDouble() < 0.5 };
                break;
            case "page" or "screen":
                message["name"] = "Home — 首页";
                message["properties"] = new JsonObject { ["path"] = "/", ["referrer"] = null };
                break;
            case "alias":
                message["userId"] = $"{id}-user";
                message["previousId"] = $"{id}-before";
                break;
            default:
                message["groupId"] = "acme";
                message["traits"] = new JsonObject { ["name"] = "Acme", ["employees"] = 12 };
                break;
        }

        return message;
    }

    private JsonObject Properties() => new()
    {
        ["product_id"] = rng.NextDouble() < 0.8 ? $"sku-{rng.Next(100)}" : rng.Next(100),
        ["name"] = "Brass Reading Lamp 💡 «déco»",
        ["price"] = rng.Next(4) switch { 0 => 89.95, 1 => "89.95", 2 => "five", _ => 12345678901234567890m },
        ["quantity"] = rng.Next(-1, 4),
        ["currency"] = rng.NextDouble() < 0.8 ? "EUR" : "euro",
        ["products"] = new JsonArray(new JsonObject { ["product_id"] = "p-1", ["price"] = 5, ["quantity"] = 2 }, new JsonObject { ["sku"] = "S-2" }),
        ["nested"] = new JsonObject { ["a"] = new JsonArray(1, "two", null, true, new JsonObject { ["b"] = 1.5e-300 }) },
    };

    /// <summary>Breaks one thing in a valid message; returns what it did.</summary>
    private string Mutate(JsonObject message)
    {
        switch (rng.Next(5))
        {
            case 0:
                int depth = rng.Next(5, 90);
                JsonNode deep = "bottom";
                for (int d = 0; d < depth; d++)
                {
                    deep = rng.NextDouble() < 0.5 ? new JsonArray(deep) : new JsonObject { ["d"] = deep };
                }

                Payload(message)["deep"] = deep;
                return $"nested {depth} deep";
            case 1:
                int length = rng.Next(1_000, 40_000);
                Payload(message)["blob"] = new string('x', length);
                return $"string of {length} chars";
            case 2:
                var field = Fields[rng.Next(Fields.Length)];
                message[field] = RandomValue(2);
                return $"{field} of the wrong type";
            case 3:
                var removed = Fields[rng.Next(4)];
                message.Remove(removed);
                return $"no {removed}";
            default:
                Payload(message)[$"k{rng.Next(5)}"] = RandomValue(4);
                return "random value";
        }
    }

    private static JsonObject Payload(JsonObject message)
    {
        var name = message.ContainsKey("traits") ? "traits" : "properties";
        if (message[name] is not JsonObject payload)
        {
            message[name] = payload = [];
        }

        return payload;
    }

    private JsonNode? RandomValue(int depth) => rng.Next(depth > 0 ? 9 : 7) switch
    {
        0 => null,
        1 => rng.NextDouble() < 0.5,
        2 => rng.Next(int.MinValue, int.MaxValue),
        3 => rng.NextDouble() * 1e10,
        4 => "",
        5 => "text ✓",
        6 => -0.0,
        7 => new JsonArray(RandomValue(depth - 1), RandomValue(depth - 1)),
        _ => new JsonObject { ["x"] = RandomValue(depth - 1), ["y"] = RandomValue(depth - 1) },
    };

    /// <summary>Breaks the bytes of the whole body; returns them and what was done.</summary>
    private (byte[] Json, string What) MutateText(byte[] json)
    {
        var text = Encoding.UTF8.GetString(json);
        switch (rng.Next(8))
        {
            case 0:
                return (Insert(text, "\"dup\":1,\"dup\":{\"x\":2},"), "duplicate key");
            case 1:
                string[] numbers = ["1e400", "-1e999", "1E+309", "123456789e999"];
                return (Insert(text, $"\"revenue\":{numbers[rng.Next(numbers.Length)]},"), "number out of range");
            case 2:
                string[] escapes = ["\"\\ud800x\"", "\"\\udc00\"", "\"a\\u0000b\"", "\"\\ud83d\\ude00\""];
                return (Insert(text, $"\"s\":{escapes[rng.Next(escapes.Length)]},"), "escape");
            case 3:
                byte[][] invalid = [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98], [0xC0, 0xAF]];
                int at = Quote(json);
                return ([.. json[..at], .. invalid[rng.Next(invalid.Length)], .. json[at..]], "invalid UTF-8");
            case 4:
                return (json[..rng.Next(json.Length + 1)], "truncated");
            case 5:
                var random = new byte[rng.Next(0, 300)];
                rng.NextBytes(random);
                return (random, "random bytes");
            case 6:
                var flipped = (byte[])json.Clone();
                for (int i = rng.Next(1, 6); i > 0 && flipped.Length > 0; i--)
                {
                    flipped[rng.Next(flipped.Length)] = (byte)rng.Next(256);
                }

                return (flipped, "bytes changed");
            default:
                return (Encoding.UTF8.GetBytes(text.Replace("\"type\":", "\"type\":\"track\",\"type\":", StringComparison.Ordinal)), "type given twice");
        }
    }

    /// <summary>The text with <paramref name="member"/> put at the start of a random object among those the markers find.</summary>
    private byte[] Insert(string text, string member)
    {
        var marker = Markers[rng.Next(Markers.Length)];
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        int open = text.IndexOf('{', at) + 1;
        return Encoding.UTF8.GetBytes(text[..open] + member + text[open..]);
    }

    /// <summary>Just after a random quote (so inside a string value about half of the time).</summary>
    private int Quote(byte[] json)
    {
        var quotes = Enumerable.Range(0, json.Length).Where(i => json[i] == (byte)'"').ToArray();
        return quotes.Length == 0 ? 0 : quotes[rng.Next(quotes.Length)] + 1;
    }

    private static byte[] Gzip(byte[] json)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(json);
        }

        return output.ToArray();
    }
}
