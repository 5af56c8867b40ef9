using MimeKit;
using Rekindle.Channels.Email;

namespace Rekindle.Channels.Tests.Email;

public sealed class MimeBuilderTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 7, 8, 9, 10, TimeSpan.Zero);

    private static EmailMessage Message(string? text = "Hi Zoë") => new(
        MessageId: "01JABCDEF.42",
        From: new EmailAddress("shop@shop.example", "The Shop"),
        To: new EmailAddress("zoe@customer.example", "Zoë Doe"),
        Subject: "Your cart ☕",
        Html: "<p>Hi <b>Zoë</b></p><p><a href=\"https://shop.example/cart\">Cart</a></p>",
        Text: text);

    [Fact]
    public void Build_Message_IsMultipartAlternativeWithTextThenHtml()
    {
        var mime = MimeBuilder.Build(Message(), Now);

        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Collection(
            alternative,
            part => Assert.Equal("text/plain", part.ContentType.MimeType),
            part => Assert.Equal("text/html", part.ContentType.MimeType));
    }

    [Fact]
    public void Build_Message_BothPartsUtf8WithExactContent()
    {
        var mime = MimeBuilder.Build(Message(), Now);

        var parts = Assert.IsType<MultipartAlternative>(mime.Body).Cast<TextPart>().ToList();
        Assert.All(parts, part => Assert.Equal("utf-8", part.ContentType.Charset));
        Assert.Equal("Hi Zoë", parts[0].Text);
        Assert.Equal("<p>Hi <b>Zoë</b></p><p><a href=\"https://shop.example/cart\">Cart</a></p>", parts[1].Text);
    }

    [Fact]
    public void Build_Message_SetsEnvelopeHeaders()
    {
        var mime = MimeBuilder.Build(Message(), Now);

        Assert.Equal("01JABCDEF.42@shop.example", mime.MessageId);
        Assert.Equal(Now, mime.Date);
        Assert.Equal("\"The Shop\" <shop@shop.example>", mime.From.ToString());
        Assert.Equal("\"Zoë Doe\" <zoe@customer.example>", mime.To.ToString());
        Assert.Equal("Your cart ☕", mime.Subject);
    }

    [Fact]
    public void Build_SameMessageTwice_SameMessageIdHeader()
    {
        var first = MimeBuilder.Build(Message(), Now);
        var second = MimeBuilder.Build(Message(), Now.AddMinutes(5));

        Assert.Equal(first.Headers[HeaderId.MessageId], second.Headers[HeaderId.MessageId]);
        Assert.Equal("<01JABCDEF.42@shop.example>", first.Headers[HeaderId.MessageId]);
    }

    [Fact]
    public void Build_NoText_DerivesTextFromHtml()
    {
        var mime = MimeBuilder.Build(Message(text: null), Now);

        var plain = Assert.IsType<MultipartAlternative>(mime.Body).OfType<TextPart>().Single(p => p.IsPlain);
        Assert.Equal("Hi Zoë\n\nCart (https://shop.example/cart)", plain.Text);
    }

    [Fact]
    public void Build_WrittenAndReparsed_RoundTripsNonAsciiSubjectAndBodies()
    {
        var mime = MimeBuilder.Build(Message(), Now);
        using var stream = new MemoryStream();
        mime.WriteTo(stream);
        stream.Position = 0;

        var parsed = MimeMessage.Load(stream);

        Assert.Equal("Your cart ☕", parsed.Subject);
        Assert.Equal("Hi Zoë", parsed.TextBody);
        Assert.Equal("<p>Hi <b>Zoë</b></p><p><a href=\"https://shop.example/cart\">Cart</a></p>", parsed.HtmlBody);
    }

    [Fact]
    public void Build_ExtraHeaders_AreAdded()
    {
        var message = Message() with
        {
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://shop.example/u/1>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };

        var mime = MimeBuilder.Build(message, Now);

        Assert.Equal("<https://shop.example/u/1>", mime.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mime.Headers["List-Unsubscribe-Post"]);
    }

    [Theory]
    [InlineData("Message-ID")]
    [InlineData("content-type")]
    [InlineData("From")]
    public void Build_ExtraHeaderOverridingStructure_Throws(string header)
    {
        var message = Message() with { Headers = new Dictionary<string, string> { [header] = "x" } };

        var ex = Assert.Throws<ArgumentException>(() => MimeBuilder.Build(message, Now));

        Assert.Contains($"'{header}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SubjectWithLineBreak_StaysOneHeader()
    {
        var mime = MimeBuilder.Build(Message() with { Subject = "Hi\r\nBcc: victim@example.com" }, Now);

        Assert.Equal("Hi Bcc: victim@example.com", mime.Subject);
        Assert.Empty(mime.Bcc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a@b")]
    [InlineData(".leading")]
    [InlineData("double..dot")]
    [InlineData("<bracket>")]
    public void Build_UnusableMessageId_Throws(string messageId)
    {
        Assert.Throws<ArgumentException>(() => MimeBuilder.Build(Message() with { MessageId = messageId }, Now));
    }
}
