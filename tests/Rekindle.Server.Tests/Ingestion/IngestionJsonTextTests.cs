using System.Net;
using System.Text;
using Rekindle.Server.Tests.Infrastructure;
using Rekindle.Testing.Server;
using static Rekindle.Server.Tests.Infrastructure.SegmentCalls;

namespace Rekindle.Server.Tests.Ingestion;

/// <summary>
/// JSON the reader lets through but a stored event must not hold, malformed JSON in our own words, and commerce
/// warnings: every answer a 4xx (or a 200 with warnings) that names the field, never a 500 nor a stack trace.
/// </summary>
public sealed class IngestionJsonTextTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RekindleServerProcess Server => fixture.Server;

    [Fact]
    public async Task Track_InvalidUtf8InAProperty_400NamingTheFieldWithoutAStackTrace()
    {
        var id = NewId("utf8");
        byte[] body = [.. Encoding.UTF8.GetBytes($$"""{"anonymousId":"{{id}}","event":"Product Viewed","properties":{"name":"Lamp """), 0xC3, 0x28, .. "\"}}"u8];
        int offset = Array.IndexOf(body, (byte)0xC3);

        var response = await ApiResponse.ReadAsync(Server.PostSegmentAsync("/v1/track", body));

        var problem = $"is not valid UTF-8 (byte 0xC3 at byte offset {offset} of the body)";
        response.AssertJson(HttpStatusCode.BadRequest, $$"""
            {"success":false,"accepted":0,"error":"properties.name {{problem}}",
             "rejected":[{"index":0,"messageId":null,"problems":[{"field":"properties.name","problem":"{{problem}}"}]}]}
            """);
        await AssertNotStoredAsync(id);
        Assert.DoesNotContain("Exception", Server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_NonFiniteNumberAndDuplicateKey_ThoseMessagesListedTheOtherStored()
    {
        var id = NewId("finite");
        var batch = $$$"""
            {"batch":[
              {"type":"track","anonymousId":"{{{id}}}","messageId":"{{{id}}}-0","event":"Order Completed","properties":{"revenue":1e400}},
              {"type":"identify","anonymousId":"{{{id}}}","messageId":"{{{id}}}-1","traits":{"plan":"pro","plan":"free"}},
              {"type":"page","anonymousId":"{{{id}}}","messageId":"{{{id}}}-2","name":"Home"}
            ]}
            """;

        var response = await PostAsync(Server, "/v1/batch", batch);

        response.AssertJson(HttpStatusCode.OK, """
            {"success":true,"accepted":1,"error":null,"rejected":[
              {"index":0,"messageId":null,"problems":[{"field":"batch[0].properties.revenue","problem":"is out of range: '1e400' is not a finite number"}]},
              {"index":1,"messageId":null,"problems":[{"field":"batch[1].traits.plan","problem":"is given twice in the same object; a key may appear only once"}]}]}
            """);
        var contactId = await ContactQueries.WaitForContactAsync(Server, "anonymousId", id);
        Assert.Equal([id + "-2"], ContactQueries.MessageIds(await ContactQueries.WaitForEventAsync(Server, contactId, id + "-2")));
    }

    [Theory]
    [InlineData("/v1/track", """{"anonymousId":"a-1", x}""", "body is not valid JSON: unexpected character 'x' at line 1, column 23")]
    [InlineData("/v1/batch", "{\"batch\":[\n  {\"type\":\"page\",\"anonymousId\":\"a-1\"},\n]}", "body is not valid JSON: unexpected character ']' at line 3, column 1")]
    [InlineData("/v1/identify", """{"anonymousId":"a-1","traits":{"a":1}""", "body is not valid JSON: it ends too early, at line 1, column 38")]
    public async Task Post_MalformedJson_400InOurOwnWords(string path, string body, string error)
    {
        var response = await PostAsync(Server, path, body);

        response.AssertJson(HttpStatusCode.BadRequest, $$"""
            {"error":"{{error}}","problems":[{"field":"body","problem":"{{error["body ".Length..]}}"}]}
            """);
    }

    [Fact]
    public async Task ProductAdded_UnusablePriceAndQuantity_StoredWithWarningsAndTheCartStaysEmpty()
    {
        var id = NewId("five");

        var response = await PostAsync(Server, "/v1/track", $$$"""
            {"anonymousId":"{{{id}}}","messageId":"{{{id}}}-m","event":"Product Added","properties":{"product_id":"lamp-7","price":"five","quantity":-1}}
            """);

        response.AssertJson(HttpStatusCode.OK, $$"""
            {"success":true,"accepted":1,"rejected":[],"error":null,"warnings":[
              {"index":0,"messageId":"{{id}}-m","field":"properties.price","problem":"is not a number: 'five'"},
              {"index":0,"messageId":"{{id}}-m","field":"properties.quantity","problem":"must be at least 1"}]}
            """);
        var contactId = await ContactQueries.WaitForContactAsync(Server, "anonymousId", id);
        await ContactQueries.WaitForEventAsync(Server, contactId, id + "-m");
        var contact = await ContactQueries.FindAsync(Server, "anonymousId", id);
        Assert.Equal(0, contact.Json.GetProperty("profile").GetProperty("cart").GetArrayLength());
    }

    private async Task AssertNotStoredAsync(string anonymousId)
    {
        // A valid event sent after it: once the engine shows it, it has applied everything stored before it.
        var barrier = NewId("barrier");
        (await PostAsync(Server, "/v1/track", $$"""{"anonymousId":"{{barrier}}","event":"Product Viewed"}""")).AssertJson(HttpStatusCode.OK, Accepted1);
        await ContactQueries.WaitForContactAsync(Server, "anonymousId", barrier);
        Assert.Equal(HttpStatusCode.NotFound, (await ContactQueries.FindAsync(Server, "anonymousId", anonymousId)).Status);
    }
}
