using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using Xunit.Abstractions;

namespace Rekindle.Server.Tests.Ingestion;

/// <summary>
/// Random and mutated Segment payloads against the real server on SQLite: never a 5xx, and never a half-message —
/// every message the server accepted is stored whole (compared with what was sent), and nothing of a refused
/// request or message is stored. REKINDLE_FUZZ_SEED replays a run; the seed is printed with every failure.
/// </summary>
public sealed class IngestionFuzzTests(SqliteServerFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteServerFixture>
{
    private const int Cases = 300;

    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task Post_RandomAndMutatedPayloads_NeverA5xxAndAcceptedMessagesStoredWhole()
    {
        int seed = Environment.GetEnvironmentVariable("REKINDLE_FUZZ_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (set REKINDLE_FUZZ_SEED={seed} to replay)");
        var fuzzer = new SegmentFuzzer(seed);
        var expected = new Dictionary<string, (FuzzCase Case, string Type, JsonObject Message)>();
        var refused = new Dictionary<string, FuzzCase>();
        int acceptedWithoutKnownId = 0;
        var statuses = new SortedDictionary<int, int>();

        for (int n = 0; n < Cases; n++)
        {
            var sent = fuzzer.Next();
            var response = await SendAsync(sent);
            statuses[(int)response.Status] = statuses.GetValueOrDefault((int)response.Status) + 1;
            Assert.True((int)response.Status < 500, $"seed {seed}: {(int)response.Status} {response.Body}\n{sent.Describe()}");
            if ((int)response.Status != 200)
            {
                foreach (var id in sent.OriginalIds)
                {
                    refused[id] = sent;
                }

                continue;
            }

            var messages = Messages(sent);
            var rejected = response.Json.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()).ToHashSet();
            Assert.True(response.Json.GetProperty("accepted").GetInt32() == messages.Count - rejected.Count,
                $"seed {seed}: accepted count {response.Body}\n{sent.Describe()}");
            for (int i = 0; i < messages.Count; i++)
            {
                var original = i < sent.OriginalIds.Count ? sent.OriginalIds[i] : null;
                if (rejected.Contains(i))
                {
                    // Whatever its id became, the message it was made from must not be stored.
                    if (original is not null)
                    {
                        refused[original] = sent;
                    }

                    continue;
                }

                var message = Strict(messages[i]!, seed, sent);
                if (message["messageId"] is JsonValue v && v.TryGetValue(out string? id) && id.Length > 0)
                {
                    var type = sent.Path == "/v1/batch" ? ((string)message["type"]!).ToLowerInvariant() : sent.Path["/v1/".Length..];
                    // A mutation can give two cases the same messageId ("text ✓" as a wrong-typed value): the first one
                    // accepted is stored and the later one is de-duplicated away, as Segment's messageId rule says.
                    expected.TryAdd(id, (sent, type, message));
                }
                else
                {
                    acceptedWithoutKnownId++;
                }
            }
        }

        output.WriteLine($"statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}; {expected.Count} messages accepted");
        var stored = await StoredAsync();
        foreach (var (id, (sent, type, message)) in expected)
        {
            Assert.True(stored.TryGetValue(id, out var row), $"seed {seed}: accepted message {id} is not stored\n{sent.Describe()}");
            AssertStoredWhole(seed, sent, type, message, row);
        }

        foreach (var (id, sent) in refused.Where(r => !expected.ContainsKey(r.Key)))
        {
            Assert.False(stored.ContainsKey(id), $"seed {seed}: refused message {id} was stored\n{sent.Describe()}");
        }

        Assert.Equal(expected.Count + acceptedWithoutKnownId, stored.Count);
        Assert.DoesNotContain("Exception", Server.Output, StringComparison.Ordinal);
    }

    private static void AssertStoredWhole(int seed, FuzzCase sent, string type, JsonObject message, StoredRow row)
    {
        string where = $"seed {seed}: message {row.MessageId} stored differently\n{sent.Describe()}";
        Assert.True(type == row.Type, $"type {row.Type}; {where}");
        bool hasProperties = type is "track" or "page" or "screen";
        bool hasTraits = type is "identify" or "group";
        AssertJsonEqual(hasProperties ? message["properties"] : null, row.Properties, "properties", where);
        AssertJsonEqual(hasTraits ? message["traits"] : null, row.Traits, "traits", where);
        AssertJsonEqual(message["context"], row.Context, "context", where);
        if (type == "track")
        {
            Assert.True((string?)message["event"] == row.Event, $"event {row.Event}; {where}");
        }
    }

    /// <summary>What was sent (null or absent: an empty object) against the stored JSON text, as JSON values.</summary>
    private static void AssertJsonEqual(JsonNode? sent, string stored, string field, string where)
    {
        var expected = sent ?? new JsonObject();
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(stored)), $"{field}: sent {expected.ToJsonString()}, stored {stored}; {where}");
    }

    /// <summary>The messages of a body the server answered 200 to, each as its own bytes (null: not an object).</summary>
    private static List<byte[]?> Messages(FuzzCase sent)
    {
        if (sent.Path != "/v1/batch")
        {
            return [sent.Json];
        }

        var items = new List<byte[]?>();
        var reader = new Utf8JsonReader(sent.Json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isBatch = reader.ValueTextEquals("batch"u8);
            reader.Read();
            if (!isBatch)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int start = (int)reader.TokenStartIndex;
                bool isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                items.Add(isObject ? sent.Json[start..(int)reader.BytesConsumed] : null);
            }
        }

        return items;
    }

    /// <summary>An accepted message must be strict JSON: valid UTF-8 and Unicode, finite numbers, no key twice.</summary>
    private static JsonObject Strict(byte[] message, int seed, FuzzCase sent)
    {
        try
        {
            Assert.True(System.Text.Unicode.Utf8.IsValid(message), "invalid UTF-8");
            using var document = JsonDocument.Parse(message, new JsonDocumentOptions { AllowDuplicateProperties = false });
            CheckValues(document.RootElement);
            return JsonNode.Parse(message)!.AsObject();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed}: the server accepted a message that is not strict JSON ({e.Message}):\n"
                + $"{Encoding.UTF8.GetString(message)}\n{sent.Describe()}");
        }
    }

    private static void CheckValues(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    Assert.NotEqual("\0", member.Name);
                    CheckValues(member.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    CheckValues(item);
                }

                break;
            case JsonValueKind.String:
                Assert.DoesNotContain('\0', value.GetString()!);
                break;
            case JsonValueKind.Number:
                Assert.True(double.IsFinite(double.Parse(value.GetRawText(), CultureInfo.InvariantCulture)), $"number {value.GetRawText()}");
                break;
        }
    }

    private Task<ApiResponse> SendAsync(FuzzCase sent)
    {
        var content = new ByteArrayContent(sent.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (sent.Gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, sent.Path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(RekindleServerProcess.WriteKey + ":")));
        return ApiResponse.ReadAsync(Server.Http.SendAsync(request));
    }

    private sealed record StoredRow(string MessageId, string Type, string? Event, string Properties, string Traits, string Context);

    private async Task<Dictionary<string, StoredRow>> StoredAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id, type, event, properties, traits, context FROM events";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, StoredRow>();
        while (await reader.ReadAsync())
        {
            var row = new StoredRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5));
            rows[row.MessageId] = row;
        }

        return rows;
    }
}
