using System.Text;
using Rekindle.Core.Events;

namespace Rekindle.Core.Tests.Events;

/// <summary>The whole-document check the admin endpoints read their JSON bodies with.</summary>
public sealed class JsonDocumentCheckTests
{
    [Theory]
    [InlineData("{\"products\": [{\"price\": 1e400}]}", "products[0].price", "is out of range: '1e400' is not a finite number")]
    [InlineData("{\"a\": {\"b\": 1, \"b\": 2}}", "a.b", "is given twice in the same object; a key may appear only once")]
    [InlineData("{\"steps\": [{}, {\"html\": \"\\u0000\"}]}", "steps[1].html", null)]
    [InlineData("\"\\ud800\"", "body", null)]
    public void FirstProblem_UnsoundValue_NamedByItsPath(string json, string field, string? problem)
    {
        var found = JsonDocumentCheck.FirstProblem(Encoding.UTF8.GetBytes(json), out var malformed);

        Assert.False(malformed);
        Assert.NotNull(found);
        Assert.Equal(field, found.Field);
        Assert.StartsWith(problem ?? "", found.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "is not valid JSON: it ends too early, at line 1, column 1")]
    [InlineData("{\"a\": 1} x", "is not valid JSON: unexpected character 'x' at line 1, column 10")]
    [InlineData("{\"a\":\n tru}", "is not valid JSON: unexpected character '}' at line 2, column 5")]
    public void FirstProblem_Malformed_BodyInOurWords(string json, string problem)
    {
        var found = JsonDocumentCheck.FirstProblem(Encoding.UTF8.GetBytes(json), out var malformed);

        Assert.True(malformed);
        Assert.Equal(new FieldError("body", problem), found);
    }

    [Fact]
    public void FirstProblem_InvalidUtf8InAKey_NamesTheObject()
    {
        byte[] json = [.. "{\"x\": {\"caf"u8, 0xE9, .. "\": 1}}"u8];

        var found = JsonDocumentCheck.FirstProblem(json, out var malformed);

        Assert.False(malformed);
        Assert.Equal(new FieldError("x", "has a key that is not valid UTF-8 (byte 0xE9 at byte offset 11 of the body)"), found);
    }

    [Fact]
    public void FirstProblem_SoundDocument_Null()
    {
        Assert.Null(JsonDocumentCheck.FirstProblem("{\"products\": [{\"productId\": \"p\", \"price\": 12345678901234567890}]}"u8, out var malformed));
        Assert.False(malformed);
    }
}
