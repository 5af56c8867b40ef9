using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Rekindle.Channels.Email;
using Rekindle.Testing.Smtp;
using Xunit.Abstractions;

namespace Rekindle.Channels.Tests.Email;

/// <summary>Sends through MailKit to a real SMTP server (Postfix's smtp-sink) on loopback.</summary>
public sealed class SmtpEmailTransportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Now = new(2025, 6, 7, 8, 9, 10, TimeSpan.Zero);
    private static readonly EmailAddress Shop = new("shop@shop.example", "The Shop");
    private SmtpSinkServer _sink = null!;

    public async Task InitializeAsync() => _sink = await SmtpSinkServer.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private SmtpEmailTransport Transport(int maxConnections = 2) => new(
        new SmtpOptions
        {
            Host = _sink.Host,
            Port = _sink.Port,
            Security = SmtpSecurity.None,
            From = Shop.ToString(),
            TimeoutSeconds = 10,
            MaxConnections = maxConnections,
        },
        new FakeTimeProvider(Now));

    private static EmailMessage Message(int n) => new(
        MessageId: $"msg-{n}",
        From: Shop,
        To: new EmailAddress($"customer{n}@example.org", $"Customer {n}"),
        Subject: $"Order {n} ✓",
        Html: $"<p>Hello customer {n}</p>\n<p>.leading dot line</p>",
        Text: $"Hello customer {n}\n.leading dot line");

    [Fact]
    public async Task SendAsync_ThreeMessages_SinkReceivesExactlyThem()
    {
        await using var transport = Transport();

        for (var n = 1; n <= 3; n++)
        {
            await transport.SendAsync(Message(n), CancellationToken.None);
        }

        var received = (await _sink.WaitForMessagesAsync(3, Patience)).OrderBy(m => m.RcptTo[0], StringComparer.Ordinal).ToList();
        Assert.Equal(3, received.Count);
        for (var n = 1; n <= 3; n++)
        {
            var mail = received[n - 1];
            Assert.Equal("shop@shop.example", mail.MailFrom);
            Assert.Equal([$"customer{n}@example.org"], mail.RcptTo);
            Assert.Equal("127.0.0.1", mail.ClientAddress);
            Assert.Equal($"Order {n} ✓", mail.Message.Subject);
            Assert.Equal($"msg-{n}@shop.example", mail.Message.MessageId);
            Assert.Equal(Now, mail.Message.Date);
            Assert.Equal($"\"Customer {n}\" <customer{n}@example.org>", mail.Message.To.ToString());
            Assert.Equal($"Hello customer {n}\n.leading dot line", mail.Message.TextBody?.ReplaceLineEndings("\n"));
            Assert.Equal($"<p>Hello customer {n}</p>\n<p>.leading dot line</p>", mail.Message.HtmlBody?.ReplaceLineEndings("\n"));
            Assert.IsType<MultipartAlternative>(mail.Message.Body);
        }
    }

    [Fact]
    public async Task SendAsync_AfterServerRestart_ReconnectsAndDelivers()
    {
        await using var transport = Transport(maxConnections: 1);
        await transport.SendAsync(Message(1), CancellationToken.None);
        await _sink.WaitForMessagesAsync(1, Patience);

        await _sink.RestartAsync();
        await transport.SendAsync(Message(2), CancellationToken.None);

        var received = await _sink.WaitForMessagesAsync(2, Patience);
        Assert.Equal(["customer1@example.org", "customer2@example.org"], received.Select(m => m.RcptTo.Single()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendAsync_ManyConcurrently_AllDeliveredOnce()
    {
        await using var transport = Transport(maxConnections: 3);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(n => transport.SendAsync(Message(n), CancellationToken.None)));

        var received = await _sink.WaitForMessagesAsync(20, Patience);
        Assert.Equal(
            Enumerable.Range(1, 20).Select(n => $"msg-{n}@shop.example").Order(StringComparer.Ordinal),
            received.Select(m => m.Message.MessageId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendAsync_ServerGone_ThrowsAndNothingIsReceived()
    {
        var transport = Transport();
        await _sink.DisposeAsync();

        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(
            () => transport.SendAsync(Message(1), CancellationToken.None));
        await transport.DisposeAsync();
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SmtpEmailTransport(new SmtpOptions { From = "a@b.example" }, TimeProvider.System));

        Assert.Contains("Smtp:Host is required.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ReusedConnection_TimesOneSend()
    {
        await using var transport = Transport(maxConnections: 1);
        var first = Stopwatch.StartNew();
        await transport.SendAsync(Message(0), CancellationToken.None);
        first.Stop();

        const int Count = 50;
        var reused = Stopwatch.StartNew();
        for (var n = 1; n <= Count; n++)
        {
            await transport.SendAsync(Message(n), CancellationToken.None);
        }

        reused.Stop();
        output.WriteLine($"first send (connect + send): {first.Elapsed.TotalMilliseconds:0.0} ms; "
            + $"reused connection: {reused.Elapsed.TotalMilliseconds / Count:0.00} ms per send");
        Assert.Equal(Count + 1, (await _sink.WaitForMessagesAsync(Count + 1, Patience)).Count);
    }
}
